import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Devnet } from '../../scripts/devnet/startDevnet.ts'
import { startTestDevnet } from '../helpers/devnet.ts'
import { type FaultProxy, startFaultProxy, tamperJson } from '../helpers/faultProxy.ts'
import { sortOracle, traceHistory } from '../helpers/historyOracle.ts'
import { type HistoryScenario, runHistoryScenario } from '../helpers/historyScenario.ts'
import { runCli } from '../../src/cli/main.ts'
import { runCliCaptured } from '../helpers/runCliCaptured.ts'

// The whole stack: the light client follows the devnet's signed heads; more than 256 execution
// blocks lie between the scenario's first transfers and the head (mined between slots), so the
// older headers are reached through EIP-2935 storage proven at the head's state root.
let devnet: Devnet
let dir: string
let infoFile: string
let scenario: HistoryScenario
let liar: FaultProxy

const cli = (args: string[]) => runCliCaptured(args, { cwd: dir })
const flags = (state: string) => ['--devnet-info', infoFile, '--state-dir', join(dir, state)]

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'latchkey-history-'))
  infoFile = join(dir, 'devnet.json')
  devnet = await startTestDevnet({ periods: 1, infoFile })
  scenario = await runHistoryScenario({ rpcUrl: devnet.rpcUrl, accounts: devnet.accounts, mine: (n) => devnet.mineBlocks(n) })
  liar = await startFaultProxy({ target: devnet.rpcUrl })
  // Wait until the verified head is past the scenario's last block (the devnet makes one slot a second).
  for (let i = 0; i < 240; i++) {
    const { code, stdout } = await cli(['nonce', scenario.user, ...flags('wait'), '--json'])
    if (code === 0 && BigInt(JSON.parse(stdout).verifiedAgainst.blockNumber) > scenario.lastBlock) return
    await new Promise((ok) => setTimeout(ok, 250))
  }
  throw new Error('the verified head never passed the scenario')
}, 300_000)
afterAll(async () => {
  await liar?.close()
  await devnet?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

const asOracle = (transfers: { hash: string | null; blockNumber: string; from: string | null; to: string | null; asset: string; value: string }[]) =>
  sortOracle(transfers.map(({ hash, blockNumber, from, to, asset, value }) => ({ hash, blockNumber, from, to, asset, value }) as never))

describe('latchkey history on the devnet', () => {
  it('lists exactly the transfers anvil traced, complete over more than 256 blocks, and later runs prove only new blocks', async () => {
    const first = await cli(['history', scenario.user, '--from-block', String(scenario.firstBlock), ...flags('a'), '--json'])
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    const out = JSON.parse(first.stdout)
    expect(out).toMatchObject({ kind: 'history', address: scenario.user, complete: { fromBlock: String(scenario.firstBlock), toBlock: out.verifiedAgainst.blockNumber } })
    expect(BigInt(out.complete.toBlock) - scenario.firstBlock).toBeGreaterThan(300n)
    expect(out.proven).toHaveLength(1)
    expect(out.proven[0].historyAnchors).toBeGreaterThan(0)
    const expected = await traceHistory({ rpcUrl: devnet.rpcUrl, address: scenario.user, from: scenario.firstBlock, to: BigInt(out.complete.toBlock) })
    expect(asOracle(out.transfers)).toEqual(expected)
    expect(expected.length).toBe(7)
    expect(out.tokens.sort()).toEqual([scenario.nft, scenario.token].sort())
    for (const t of out.transfers) expect(typeof t.value).toBe('string')

    const second = await cli(['history', scenario.user, ...flags('a')])
    expect(second.code).toBe(0)
    expect(second.stdout).toMatch(new RegExp(`complete from block ${scenario.firstBlock} to \\d+`))
    expect(second.stdout).toMatch(/proven now: blocks \d+-\d+|nothing new to prove/)
    expect(second.stdout).not.toMatch(new RegExp(`proven now: blocks ${scenario.firstBlock}-`))
  })

  it('on a terminal, shows its progress on stderr while it proves', async () => {
    let stderr = ''
    let stdout = ''
    const code = await runCli(['history', scenario.user, '--from-block', String(scenario.firstBlock), ...flags('c')], {
      cwd: dir, stdout: { write: (t: string) => (stdout += t) }, stderr: { isTTY: true, write: (t: string) => (stderr += t) } as never,
    })
    expect(code).toBe(0)
    expect(stderr).toMatch(/proving the range: headers \d+\/\d+/)
    expect(stderr).toMatch(/proving the range: balances \d+/)
    expect(stdout).toMatch(/complete from block/)
  })

  it('refuses an RPC that leaves a log out of a block\'s receipts, names it, and claims no range', async () => {
    liar.setRules([{
      match: ({ requestBody }) => requestBody.includes('eth_getBlockReceipts'),
      fault: { kind: 'tamper', transform: tamperJson((json) => {
        for (const answer of Array.isArray(json) ? json : [json]) if (Array.isArray(answer.result)) for (const r of answer.result) r.logs = r.logs.slice(1)
      }) },
    }])
    const { code, stdout, stderr } = await cli(['history', scenario.user, '--from-block', String(scenario.firstBlock), ...flags('b'), '--rpc', liar.url, '--json'])
    expect(code).toBe(3)
    expect(stderr).toMatch(new RegExp(`${liar.url.replace(/[.:/]/g, '\\$&')}.*ReceiptsRootMismatchError`))
    const out = JSON.parse(stdout)
    expect(out.verified).toBe(false)
    expect(out.complete).toBeUndefined()
    expect(await readdir(join(dir, 'b', 'history')).catch(() => [])).toEqual([])
  })
})
