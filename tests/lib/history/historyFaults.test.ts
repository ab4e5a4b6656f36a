import { type Hex, numberToHex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { VerifiedExecutionHeader } from '../../../src/lib/execution/types.ts'
import { HISTORY_STORAGE_ADDRESS } from '../../../src/lib/history/constants.ts'
import { getVerifiedHistory } from '../../../src/lib/history/getVerifiedHistory.ts'
import { createRpcClient } from '../../../src/lib/rpc/createRpcClient.ts'
import { AllProvidersFailedError } from '../../../src/lib/rpc/errors.ts'
import { toOracle, traceHistory } from '../../helpers/historyOracle.ts'
import type { HistoryScenario } from '../../helpers/historyScenario.ts'
import { type Anvil, rpc } from '../execution/startAnvil.ts'
import { startHistoryAnvil } from './startHistoryAnvil.ts'
import { anvilHeaderSource } from '../rpc/anvilHeaderSource.ts'
import { type Tamper, startTamperingProxy } from '../rpc/tamperingProxy.ts'

// A lying RPC in front of honest anvil: whatever it leaves out or swaps is refused, and named.
let anvil: Anvil
let proxy: Awaited<ReturnType<typeof startTamperingProxy>>
let scenario: HistoryScenario
let head: VerifiedExecutionHeader
let tokenBlockHash: Hex
let otherReceipts: unknown

beforeAll(async () => {
  ({ anvil, scenario } = await startHistoryAnvil())
  head = await anvilHeaderSource({ url: anvil.url }).getExecutionHeader('latest')
  proxy = await startTamperingProxy({ upstream: anvil.url })
  tokenBlockHash = (await rpc(anvil.url, 'eth_getBlockByNumber', [numberToHex(scenario.firstBlock), false])).hash
  otherReceipts = await rpc(anvil.url, 'eth_getBlockReceipts', [numberToHex(scenario.falsePositiveBlock)])
}, 120_000)
afterAll(async () => {
  await proxy?.stop()
  await anvil?.stop()
})

const history = (urls: string[]) =>
  getVerifiedHistory({ client: createRpcClient({ urls, hedgeAfter: Number.POSITIVE_INFINITY }), head, address: scenario.user, fromBlock: scenario.firstBlock })

async function refusedWith(tamper: Tamper, name: string) {
  proxy.state.tamper = tamper
  try {
    const error = await history([proxy.url]).then(() => undefined, (e) => e)
    expect(error).toBeInstanceOf(AllProvidersFailedError)
    const cause = (error as AllProvidersFailedError).errors[0] as Error & { url?: string }
    expect(cause.name).toBe(name)
    expect(cause.url).toBe(proxy.url)
  } finally {
    proxy.state.tamper = undefined
  }
}

const onTokenBlock = (method: string, params: any[]) => method === 'eth_getBlockReceipts' && params[0] === tokenBlockHash

describe('getVerifiedHistory against a lying RPC', () => {
  it('refuses receipts with a log left out', () =>
    refusedWith((m, p, r) => (onTokenBlock(m, p) ? r.map((x: any) => ({ ...x, logs: x.logs.slice(1) })) : r), 'ReceiptsRootMismatchError'))

  it('refuses a block with a receipt left out', () =>
    refusedWith((m, p, r) => (onTokenBlock(m, p) ? r.slice(1) : r), 'ReceiptsRootMismatchError'))

  it("refuses a block whose receipts are withheld (none, or null)", async () => {
    await refusedWith((m, p, r) => (onTokenBlock(m, p) ? [] : r), 'ReceiptsRootMismatchError')
    await refusedWith((m, p, r) => (onTokenBlock(m, p) ? null : r), 'InvalidReceiptError')
  })

  it("refuses another block's receipts", () =>
    refusedWith((m, p, r) => (onTokenBlock(m, p) ? structuredClone(otherReceipts) : r), 'ReceiptsRootMismatchError'))

  it('refuses a header whose bloom was blanked to hide a transfer', () =>
    refusedWith((m, p, r) => (m === 'eth_getBlockByNumber' && r?.hash === tokenBlockHash ? { ...r, logsBloom: `0x${'0'.repeat(512)}` } : r), 'BlockHeaderHashMismatchError'))

  it('refuses a forged EIP-2935 block hash', () =>
    refusedWith(
      (m, p, r) => (m === 'eth_getProof' && p[0].toLowerCase() === HISTORY_STORAGE_ADDRESS ? { ...r, storageProof: r.storageProof.map((s: any) => ({ ...s, value: `0x${'11'.repeat(32)}` })) } : r),
      'StorageValueMismatchError',
    ))

  it('refuses a balance proof that hides an ETH payment', () =>
    refusedWith((m, p, r) => (m === 'eth_getProof' && p[0].toLowerCase() === scenario.user ? { ...r, balance: '0x0' } : r), 'AccountProofMismatchError'))

  it('with an honest RPC beside the liar, proves the same history and names the liar', async () => {
    proxy.state.tamper = (m, p, r) => (onTokenBlock(m, p) ? r.slice(1) : r)
    try {
      const client = createRpcClient({ urls: [proxy.url, anvil.url], hedgeAfter: Number.POSITIVE_INFINITY })
      const { history } = await getVerifiedHistory({ client, head, address: scenario.user, fromBlock: scenario.firstBlock })
      expect(toOracle(history.transfers)).toEqual(await traceHistory({ rpcUrl: anvil.url, address: scenario.user, from: scenario.firstBlock, to: head.number }))
      expect(client.provenFaults().map((f) => [f.url, f.error.name])).toEqual([[proxy.url, 'ReceiptsRootMismatchError']])
    } finally {
      proxy.state.tamper = undefined
    }
  })
})
