import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { encodeFunctionData, erc20Abi } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Devnet } from '../../scripts/devnet/startDevnet.ts'
import { startTestDevnet } from '../helpers/devnet.ts'
import { startFaultProxy, tamperJson } from '../helpers/faultProxy.ts'
import { deployTestToken } from '../helpers/deployTestToken.ts'
import { runCliCaptured } from '../helpers/runCliCaptured.ts'
import { waitForAttestedBlock } from '../helpers/waitForAttestedBlock.ts'

const BOB = '0x000000000000000000000000000000000000b0b0'
let devnet: Devnet
let dir: string
let infoFile: string
let stateCount = 0
let sender: `0x${string}`
let token: `0x${string}`
// The token reverts with Error(string) (OpenZeppelin 4 style), so the preview has a reason to show.
const REVERT_REASON = 'insufficient balance'

const cli = (args: string[]) => runCliCaptured(args, { cwd: dir })
const flags = () => ['--devnet-info', infoFile, '--state-dir', join(dir, `state-${stateCount++}`)]
async function anvil<T>(method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(devnet.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })
  return ((await response.json()) as { result: T }).result
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'latchkey-simulate-'))
  infoFile = join(dir, 'devnet.json')
  devnet = await startTestDevnet({ periods: 2, infoFile })
  sender = mnemonicToAccount(devnet.mnemonic, { addressIndex: 1 }).address.toLowerCase() as `0x${string}`
  const holders = [{ address: sender, amount: 5000n }]
  const deployed = await deployTestToken({ rpcUrl: devnet.rpcUrl, contract: 'ReasonRevertToken', symbol: 'TST', decimals: 6, holders })
  token = deployed.address.toLowerCase() as `0x${string}`
  // Wait until an update attests the block with the transfer (the devnet mines one per slot).
  await waitForAttestedBlock({ beaconUrl: devnet.beaconUrl, blockNumber: deployed.blockNumber })
}, 240_000)
afterAll(async () => {
  await devnet?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

const at = (out: { verifiedAgainst: { blockNumber: string } }) => `0x${BigInt(out.verifiedAgainst.blockNumber).toString(16)}`

describe('latchkey simulate on the devnet', () => {
  it('previews an ETH transfer: the changes are anvil\'s balances at the verified block, plus and minus the value', async () => {
    const { code, stdout, stderr } = await cli(['simulate', '--from', sender, '--to', BOB, '--value', '12345', ...flags(), '--json'])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const out = JSON.parse(stdout)
    const [senderBefore, bobBefore] = [BigInt(await anvil<string>('eth_getBalance', [sender, at(out)])), BigInt(await anvil<string>('eth_getBalance', [BOB, at(out)]))]
    expect(out).toMatchObject({ kind: 'simulate', reverted: false, logs: [], verifiedAgainst: { blockHash: expect.stringMatching(/^0x/) } })
    expect(out.changes).toEqual(expect.arrayContaining([
      { address: sender, asset: 'ETH', before: String(senderBefore), after: String(senderBefore - 12345n), delta: '-12345' },
      { address: BOB, asset: 'ETH', before: String(bobBefore), after: String(bobBefore + 12345n), delta: '12345' },
    ]))
    expect(out.changes).toHaveLength(2)
  })

  it('previews an ERC-20 transfer (text and JSON), and a reverting one exits 1 with its reason', async () => {
    const data = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [BOB, 700n] })
    const json = await cli(['simulate', '--from', sender, '--to', token, '--data', data, ...flags(), '--json'])
    expect(json.code).toBe(0)
    const out = JSON.parse(json.stdout)
    expect(out.changes).toEqual([
      { address: sender, asset: token, before: '5000', after: '4300', delta: '-700' },
      { address: BOB, asset: token, before: '0', after: '700', delta: '700' },
    ])
    expect(out.logs).toHaveLength(1)
    const text = await cli(['simulate', '--from', sender, '--to', token, '--data', data, ...flags()])
    expect(text.code).toBe(0)
    expect(text.stdout).toContain(`${sender}  -700 of token ${token}  (5000 -> 4300)`)
    expect(text.stdout).toMatch(/verified against block \d+/)
    const tooMuch = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [BOB, 5001n] })
    const reverted = await cli(['simulate', '--from', sender, '--to', token, '--data', tooMuch, ...flags(), '--json'])
    expect(reverted.code).toBe(1)
    expect(JSON.parse(reverted.stdout)).toMatchObject({ kind: 'simulate', reverted: { reason: REVERT_REASON }, changes: [] })
  })

  it('shows no preview from an RPC that tampers with proofs (exit 3, PreviewNotProvenError naming the check), and needs --from', async () => {
    const liar = await startFaultProxy({ target: devnet.rpcUrl })
    liar.setRules([{ match: ({ requestBody }) => requestBody.includes('eth_getProof'), fault: { kind: 'tamper', transform: tamperJson((j) => {
      for (const answer of Array.isArray(j) ? j : [j]) for (const s of answer.result?.storageProof ?? []) s.value = '0xffffffff'
    }) } }])
    try {
      const data = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [BOB, 700n] })
      const lied = await cli(['simulate', '--from', sender, '--to', token, '--data', data, ...flags(), '--rpc', liar.url, '--json'])
      expect(lied.code).toBe(3)
      expect(lied.stderr).toContain('PreviewNotProvenError')
      expect(lied.stderr).toContain('StorageValueMismatchError')
      expect(JSON.parse(lied.stdout)).toMatchObject({ verified: false, exitCode: 3 })
    } finally {
      await liar.close()
    }
    const usage = await cli(['simulate', '--to', BOB, ...flags()])
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('simulate needs --from')
  })
})
