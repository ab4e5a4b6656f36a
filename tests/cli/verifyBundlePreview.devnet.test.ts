import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { encodeFunctionData, erc20Abi, pad } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Devnet } from '../../scripts/devnet/startDevnet.ts'
import { startTestDevnet } from '../helpers/devnet.ts'
import { deployTestToken } from '../helpers/deployTestToken.ts'
import { flipHexByte } from '../helpers/faultProxy.ts'
import { runCliCaptured } from '../helpers/runCliCaptured.ts'
import { waitForAttestedBlock } from '../helpers/waitForAttestedBlock.ts'
import { writeTamperedBundle } from '../helpers/writeTamperedBundle.ts'

const BOB = '0x000000000000000000000000000000000000b0b0'
let devnet: Devnet
let dir: string
let infoFile: string
let checkpoint: string
let sender: `0x${string}`
let token: `0x${string}`
let previewFile: string
let simulated: { changes: { address: string; asset: string; before: string; after: string }[]; verifiedAgainst: { blockNumber: string; blockHash: string; stateRoot: string } }
/** verify-bundle may not touch the network at all: any fetch fails the test. */
const offline = (() => { throw new Error('verify-bundle used the network') }) as unknown as typeof fetch
const verify = (file: string, ...extra: string[]) => runCliCaptured(['verify-bundle', file, '--checkpoint', checkpoint, ...extra], { cwd: dir, fetch: offline })
const transfer = (amount: bigint) => encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [BOB, amount] })
const simulate = (data: `0x${string}`, file: string, state: string) =>
  runCliCaptured(['simulate', '--from', sender, '--to', token, '--data', data, '--devnet-info', infoFile, '--state-dir', join(dir, state), '--bundle', file, '--json'], { cwd: dir })

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'latchkey-bundle-preview-'))
  infoFile = join(dir, 'devnet.json')
  devnet = await startTestDevnet({ periods: 2, infoFile })
  checkpoint = JSON.parse(await readFile(infoFile, 'utf8')).checkpointRoot
  sender = mnemonicToAccount(devnet.mnemonic, { addressIndex: 1 }).address.toLowerCase() as `0x${string}`
  const deployed = await deployTestToken({ rpcUrl: devnet.rpcUrl, contract: 'ReasonRevertToken', symbol: 'TST', decimals: 6, holders: [{ address: sender, amount: 5000n }] })
  token = deployed.address.toLowerCase() as `0x${string}`
  await waitForAttestedBlock({ beaconUrl: devnet.beaconUrl, blockNumber: deployed.blockNumber })
  previewFile = join(dir, 'preview.json')
  const run = await simulate(transfer(1200n), previewFile, 'state-ok')
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  simulated = JSON.parse(run.stdout)
}, 240_000)
afterAll(async () => {
  await devnet?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

const tampered = (name: string, change: (bundle: any) => void) => writeTamperedBundle(previewFile, name, change)
const tokenProof = (b: any) => b.proofs.accounts.find((a: any) => a.address === token)

describe('latchkey simulate --bundle and verify-bundle (the preview re-simulated offline over the proven state)', () => {
  it('writes a version-3 preview bundle of a token transfer; verify-bundle re-runs the simulation with no network and finds the same rows', async () => {
    const bundle = JSON.parse(await readFile(previewFile, 'utf8'))
    expect(bundle).toMatchObject({ version: 3, claim: { kind: 'preview', transaction: { from: sender, to: token, data: transfer(1200n) }, reverted: false, approvals: [], delegationChanges: [] } })
    expect(bundle.claim.changes).toEqual(expect.arrayContaining([
      { address: sender, asset: token, before: '5000', after: '3800' },
      { address: BOB, asset: token, before: '0', after: '1200' },
    ]))
    expect(bundle.claim.changes).toHaveLength(simulated.changes.length)
    expect(bundle.proofs.header.hash).toBe(simulated.verifiedAgainst.blockHash)
    const { code, stdout, stderr } = await verify(previewFile, '--json')
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const out = JSON.parse(stdout)
    expect(out).toMatchObject({ verified: true, claim: { kind: 'preview' }, checkpoint: { source: 'user' } })
    expect(out.block).toMatchObject({ number: simulated.verifiedAgainst.blockNumber, hash: simulated.verifiedAgainst.blockHash, stateRoot: simulated.verifiedAgainst.stateRoot })
    const text = await verify(previewFile)
    expect(text.stdout).toContain(`preview of a transaction from ${sender} to ${token}, data ${transfer(1200n)}: 2 balance change(s) (the fee not included)`)
    expect(text.stdout).toContain(`${BOB}: token ${token} 0 -> 1200 (+1200 units)`)
  })

  it('a reverted preview is a bundle too: the revert re-runs offline, with its reason', async () => {
    const file = join(dir, 'reverted.json')
    const run = await simulate(transfer(9999n), file, 'state-revert')
    expect(run.code).toBe(1)
    const bundle = JSON.parse(await readFile(file, 'utf8'))
    expect(bundle.claim).toMatchObject({ kind: 'preview', reverted: { data: expect.stringMatching(/^0x08c379a0/) }, changes: [] })
    const { code, stdout } = await verify(file)
    expect(code).toBe(0)
    expect(stdout).toContain('it would revert (insufficient balance)')
    bundle.claim.reverted = false
    await writeFile(join(dir, 'reverted-tampered.json'), JSON.stringify(bundle))
    const refused = await verify(join(dir, 'reverted-tampered.json'))
    expect(refused.code).toBe(3)
    expect(refused.stderr).toMatch(/BundleClaimMismatchError: .*preview revert/)
  })

  const other = pad('0x99', { size: 32 })
  const cases: [string, (b: any) => void, string, RegExp?][] = [
    ['a balance change (another amount)', (b) => { b.claim.changes.find((c: any) => c.address === BOB).after = '12000' }, 'BundleClaimMismatchError', /preview balance changes/],
    ['a balance change (missing)', (b) => { b.claim.changes = b.claim.changes.filter((c: any) => c.address !== sender) }, 'BundleClaimMismatchError', /preview balance changes/],
    ['a balance change (extra)', (b) => { b.claim.changes.push({ address: BOB, asset: 'ETH', before: '0', after: '1' }) }, 'BundleClaimMismatchError', /preview balance changes/],
    ['an approval (extra)', (b) => { b.claim.approvals.push({ token, owner: sender, spender: BOB, value: '1' }) }, 'BundleClaimMismatchError', /preview approvals/],
    ['the transaction (another amount)', (b) => { b.claim.transaction.data = transfer(1300n) }, 'BundleClaimMismatchError', /preview balance changes/],
    ['a storage value', (b) => { tokenProof(b).storageProof[0].value = '0x1' }, 'StorageValueMismatchError'],
    ['a storage proof node', (b) => { const s = tokenProof(b).storageProof[0]; s.proof[0] = flipHexByte(s.proof[0], 30) }, 'InvalidStorageProofError'],
    ['a storage slot (dropped)', (b) => { tokenProof(b).storageProof = [] }, 'BundleStateMissingError'],
    ['an account proof node', (b) => { const a = tokenProof(b); a.accountProof[0] = flipHexByte(a.accountProof[0], 40) }, 'InvalidAccountProofError'],
    ['the block (another number)', (b) => { b.block.number = String(BigInt(b.block.number) + 1n) }, 'BundleClaimMismatchError'],
    ['the block header (its state root)', (b) => { b.proofs.header.stateRoot = other }, 'BlockHeaderHashMismatchError'],
    ['a signature', (b) => { b.consensus.head.data.sync_aggregate.sync_committee_signature = flipHexByte(b.consensus.head.data.sync_aggregate.sync_committee_signature, 40) }, 'InvalidSyncSignatureError'],
    ['the version (2 has no preview claim)', (b) => { b.version = 2 }, 'BundleFormatError'],
  ]
  for (const [part, change, errorName, names] of cases) {
    it(`refuses a preview bundle with a tampered ${part}: exit 3, ${errorName}`, async () => {
      const { code, stderr, stdout } = await verify(await tampered(part.replace(/\W+/g, '-'), change), '--json')
      expect(stderr).toMatch(new RegExp(`^latchkey: ${errorName}: `))
      if (names) expect(stderr).toMatch(names)
      expect(code).toBe(3)
      expect(JSON.parse(stdout)).toMatchObject({ verified: false, exitCode: 3, error: { name: errorName } })
    })
  }
})
