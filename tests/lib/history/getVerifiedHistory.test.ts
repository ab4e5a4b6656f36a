import { numberToHex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { VerifiedExecutionHeader } from '../../../src/lib/execution/types.ts'
import { getVerifiedHistory } from '../../../src/lib/history/getVerifiedHistory.ts'
import { createRpcClient } from '../../../src/lib/rpc/createRpcClient.ts'
import { toOracle, traceHistory } from '../../helpers/historyOracle.ts'
import type { HistoryScenario } from '../../helpers/historyScenario.ts'
import { type Anvil, rpc } from '../execution/startAnvil.ts'
import { startHistoryAnvil } from './startHistoryAnvil.ts'
import { anvilHeaderSource } from '../rpc/anvilHeaderSource.ts'

// The history scenario on anvil (startHistoryAnvil); anvil's head stands in for the light client's.
let anvil: Anvil
let scenario: HistoryScenario
let head: VerifiedExecutionHeader

beforeAll(async () => {
  ({ anvil, scenario } = await startHistoryAnvil())
  head = await anvilHeaderSource({ url: anvil.url }).getExecutionHeader('latest')
}, 120_000)
afterAll(() => anvil?.stop())

describe('getVerifiedHistory', () => {
  it('finds exactly the ETH, ERC-20 and ERC-721 movements anvil traced, over more than 256 blocks', async () => {
    expect(head.number - scenario.firstBlock).toBeGreaterThan(300n)
    const client = createRpcClient({ urls: [anvil.url] })
    const { history, stats } = await getVerifiedHistory({ client, head, address: scenario.user, fromBlock: 1n })
    const expected = await traceHistory({ rpcUrl: anvil.url, address: scenario.user, from: 2n, to: head.number })
    expect(toOracle(history.transfers)).toEqual(expected)
    // ETH in and out, tokens in and out, an NFT minted to and sent from the user, ETH paid from inside a call.
    expect(expected.length).toBe(7)
    expect(history.tokens.sort()).toEqual([scenario.nft, scenario.token].sort())
    // anvil's genesis header carries the empty state root: nothing proves against it, so the range starts at 2.
    expect(history.fromBlock).toBe(2n)
    expect(history.toBlock).toBe(head.number)
    expect(history.toBlockHash).toBe(head.blockHash)
    // The chunks below the head's own walk were anchored on EIP-2935 storage.
    expect(stats.historyAnchors).toBeGreaterThan(0)
    expect(stats.falsePositives).toBeGreaterThanOrEqual(1)
    expect(history.balance).toBe(BigInt(await rpc(anvil.url, 'eth_getBalance', [scenario.user, numberToHex(head.number)])))
  })

  it('reads the receipts of a bloom false positive and lists nothing from it', async () => {
    const client = createRpcClient({ urls: [anvil.url] })
    const n = scenario.falsePositiveBlock
    const { history, stats } = await getVerifiedHistory({ client, head, address: scenario.user, fromBlock: n, toBlock: n })
    expect(stats.bloomMatches).toBe(1)
    expect(stats.falsePositives).toBe(1)
    // The user's approve cost a fee (a nonce change), but moved nothing.
    expect(history.transfers).toEqual([])
  })

  it('proves a range in the middle through an EIP-2935 anchor, no walk from the head', async () => {
    const client = createRpcClient({ urls: [anvil.url] })
    const to = scenario.firstBlock + 10n
    const { history, stats } = await getVerifiedHistory({ client, head, address: scenario.user, fromBlock: scenario.firstBlock, toBlock: to })
    expect(stats.headers).toBe(11)
    expect(stats.historyAnchors).toBe(1)
    expect(toOracle(history.transfers)).toEqual(await traceHistory({ rpcUrl: anvil.url, address: scenario.user, from: scenario.firstBlock, to }))
  })

  it('proves an account with code at every block: equal ends prove nothing for a contract', async () => {
    const client = createRpcClient({ urls: [anvil.url] })
    const to = scenario.lastBlock
    const from = to - 9n
    const { history, stats } = await getVerifiedHistory({ client, head, address: scenario.payout, fromBlock: from, toBlock: to })
    // The baseline and each of the 10 blocks: no stretch of a contract's history is skipped on equal ends.
    expect(stats.balanceProofs).toBe(11)
    // It received 0.5 ETH and paid it on in one call: no net change in that block, nothing listed (see README).
    expect(history.transfers).toEqual([])
  })
})
