import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Hex, numberToHex, parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFileHistoryStore } from '../../../src/lib/history/createFileHistoryStore.node.ts'
import type { HistoryStore } from '../../../src/lib/history/historyStore.ts'
import type { ProvenHistory } from '../../../src/lib/history/types.ts'
import { updateHistory } from '../../../src/lib/history/updateHistory.ts'
import { createRpcClient } from '../../../src/lib/rpc/createRpcClient.ts'
import { toOracle, traceHistory } from '../../helpers/historyOracle.ts'
import type { HistoryScenario } from '../../helpers/historyScenario.ts'
import { type Anvil, rpc } from '../execution/startAnvil.ts'
import { startHistoryAnvil } from './startHistoryAnvil.ts'
import { anvilHeaderSource } from '../rpc/anvilHeaderSource.ts'
import { startTamperingProxy } from '../rpc/tamperingProxy.ts'

let anvil: Anvil
let scenario: HistoryScenario
let dir: string
const memoryStore = (): HistoryStore & { map: Map<string, ProvenHistory> } => {
  const map = new Map<string, ProvenHistory>()
  return { map, get: async (k) => structuredClone(map.get(k)), put: async (k, v) => void map.set(k, structuredClone(v)) }
}
const headOf = () => anvilHeaderSource({ url: anvil.url }).getExecutionHeader('latest')

beforeAll(async () => {
  ({ anvil, scenario } = await startHistoryAnvil())
  dir = await mkdtemp(join(tmpdir(), 'latchkey-history-'))
}, 120_000)
afterAll(async () => {
  await anvil?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('updateHistory', () => {
  it('proves only what is missing: new blocks above, then older blocks below, linked to what was stored', async () => {
    const store = createFileHistoryStore({ directory: dir })
    const client = createRpcClient({ urls: [anvil.url] })
    const { user } = scenario
    const start = scenario.firstBlock + 200n
    const first = await updateHistory({ client, head: await headOf(), address: user, store, key: 'k', fromBlock: start })
    expect(first.segments.map((s) => s.segment)).toEqual(['new'])

    // A payment to the user after the first run.
    const hash = await rpc<Hex>(anvil.url, 'eth_sendTransaction', [{ from: scenario.funder, to: user, value: numberToHex(parseEther('0.125')) }])
    await rpc(anvil.url, 'anvil_mine', ['0x2'])
    const head = await headOf()
    const second = await updateHistory({ client, head, address: user, store, key: 'k' })
    expect(second.segments.map((s) => [s.segment, s.fromBlock])).toEqual([['forward', first.history.toBlock + 1n]])
    expect(second.history.transfers.at(-1)).toMatchObject({ hash, asset: 'ETH', value: parseEther('0.125') })
    expect(toOracle(second.history.transfers)).toEqual(await traceHistory({ rpcUrl: anvil.url, address: user, from: start, to: head.number }))

    const third = await updateHistory({ client, head, address: user, store, key: 'k', fromBlock: scenario.firstBlock })
    expect(third.segments.map((s) => [s.segment, s.fromBlock, s.toBlock])).toEqual([['backward', scenario.firstBlock, start - 1n]])
    expect(third.history.fromBlock).toBe(scenario.firstBlock)
    expect(toOracle(third.history.transfers)).toEqual(await traceHistory({ rpcUrl: anvil.url, address: user, from: scenario.firstBlock, to: head.number }))

    // Nothing left to prove: no segment, the same history, from the file.
    const fourth = await updateHistory({ client, head, address: user, store, key: 'k', fromBlock: scenario.firstBlock })
    expect(fourth.segments).toEqual([])
    expect(fourth.history).toEqual(third.history)
  })

  it('drops a stored range that no longer links to the verified chain, and proves it again', async () => {
    const store = memoryStore()
    const client = createRpcClient({ urls: [anvil.url] })
    const head = await headOf()
    const { history } = await updateHistory({ client, head: { ...head }, address: scenario.user, store, key: 'k', fromBlock: head.number - 20n })
    store.map.set('k', { ...history, toBlock: history.toBlock - 5n, toBlockHash: `0x${'ab'.repeat(32)}` })
    const again = await updateHistory({ client, head, address: scenario.user, store, key: 'k', fromBlock: head.number - 20n })
    expect(again.discarded).toMatch(/reorganization/)
    expect(again.history).toEqual(history)
  })

  it('keeps the stored range as it was when a segment cannot be proven', async () => {
    const store = memoryStore()
    const head = await headOf()
    const honest = createRpcClient({ urls: [anvil.url] })
    const { history } = await updateHistory({ client: honest, head, address: scenario.user, store, key: 'k', fromBlock: head.number - 10n })
    const proxy = await startTamperingProxy({ upstream: anvil.url })
    try {
      proxy.state.tamper = (m, _p, r) => (m === 'eth_getBlockByNumber' && r ? { ...r, logsBloom: `0x${'0'.repeat(512)}` } : r)
      const liar = createRpcClient({ urls: [proxy.url] })
      await expect(updateHistory({ client: liar, head, address: scenario.user, store, key: 'k', fromBlock: scenario.firstBlock })).rejects.toThrow(/No honest RPC/)
      expect(store.map.get('k')).toEqual(history)
    } finally {
      await proxy.stop()
    }
  })

  it('treats a damaged state file as nothing stored', async () => {
    const store = createFileHistoryStore({ directory: dir })
    await writeFile(join(dir, 'broken.json'), '{"fromBlock": "x"')
    expect(await store.get('broken')).toBeUndefined()
  })
})
