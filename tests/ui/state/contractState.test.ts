import { type Address, type Hex, numberToHex } from 'viem'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { ContractState } from '../../../src/ui/state/contractState.svelte.ts'
import type { SyncState } from '../../../src/ui/state/syncState.svelte.ts'

const weth: Address = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512'
const reverter: Address = '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0'
const code: Hex = '0x6080604052'

/** One verified read the test answers by hand, in the order it chooses. */
type Pending = { method: string; address: string; block: bigint; answer: (result: Hex) => void }

/**
 * The Contract screen's sync state and engine, reduced to what ContractState reads: the verified
 * head (moved by `setHead`) and verified reads that wait for the test to answer them.
 */
function fakeChain(head: bigint) {
  const pending: Pending[] = []
  const header = (number: bigint) => ({ number, blockHash: numberToHex(number, { size: 32 }), parentHash: numberToHex(number - 1n, { size: 32 }), timestamp: 1000n + number })
  const engine = {
    lightClient: { headEvidence: async () => undefined },
    readWithEvidence: ({ method, params }: { method: string; params: unknown[] }) => new Promise((resolve) => {
      const target = method === 'eth_call' ? (params[0] as { to: string }).to : (params[0] as string)
      const block = BigInt(params[1] as Hex)
      pending.push({
        method, address: target.toLowerCase(), block,
        answer: (result) => resolve({ result, evidence: { headers: [header(block)], heads: [header(block)], answers: [], rejected: [] } }),
      })
    }),
  }
  let optimistic = { slot: Number(head), execution: header(head) }
  const sync = { get engine() { return engine }, get optimistic() { return optimistic }, headIsCheckpoint: false, secondsPerSlot: 12 }
  /** Waits for the read of `address` (at `block`, if given) to be asked, and answers it. */
  const answer = async (address: string, result: Hex, block?: bigint) => {
    const find = () => pending.findIndex((p) => p.address === address.toLowerCase() && (block === undefined || p.block === block))
    await vi.waitFor(() => expect(find()).toBeGreaterThanOrEqual(0), { timeout: 30_000 })
    pending.splice(find(), 1)[0]!.answer(result)
  }
  const setHead = (number: bigint) => void (optimistic = { slot: Number(number), execution: header(number) })
  return { sync: sync as unknown as SyncState, pending, answer, setHead }
}

describe('ContractState', () => {
  // The code check's first import (the EVM's module) is slow in a cold test run: not what is timed here.
  beforeAll(() => import('../../../src/lib/execution/previewTransaction.ts'), 60_000)

  it('a code check begun while the next contract was still parsing never shows its answer under the new address', async () => {
    const chain = fakeChain(36n)
    const contract = new ContractState({ sync: chain.sync })
    const first = contract.load({ address: weth, abiText: 'function withdraw(uint256 wad)' })
    await chain.answer(weth, code)
    await first
    expect(contract.code).toMatchObject({ state: 'verified', block: 36n, value: { kind: 'contract' } })

    // The next contract was deployed in a block the light client has not verified yet: at 36 it
    // has no code. A new head arrives while its load still parses (the screen re-checks at each
    // head): that check reads the address still loaded, the contract before.
    const second = contract.load({ address: reverter, abiText: 'function set(uint256 v)' })
    const refresh = contract.refreshCode()
    await vi.waitFor(() => expect(chain.pending.map((p) => p.address).sort()).toEqual([reverter, weth].map((a) => a.toLowerCase()).sort()), { timeout: 30_000 })
    await chain.answer(reverter, '0x')
    await vi.waitFor(() => expect(contract.code?.state).toBe('verified'))
    await chain.answer(weth, code)
    await Promise.all([second, refresh])

    expect(contract.address).toBe(reverter)
    // Not "contract code verified at block 36": Review would then refuse with "no contract (verified at block 36)".
    expect(contract.code).toMatchObject({ state: 'verified', block: 36n, value: { kind: 'none' } })
  })

  it("an older head's code answering after a newer head's was shown is dropped", async () => {
    const chain = fakeChain(36n)
    const contract = new ContractState({ sync: chain.sync })
    const load = contract.load({ address: reverter, abiText: 'function set(uint256 v)' })
    await vi.waitFor(() => expect(chain.pending).toHaveLength(1), { timeout: 30_000 })
    chain.setHead(37n)
    const refresh = contract.refreshCode()
    await chain.answer(reverter, code, 37n)
    await refresh
    expect(contract.code).toMatchObject({ state: 'verified', block: 37n, value: { kind: 'contract' } })
    await chain.answer(reverter, '0x', 36n)
    await load
    expect(contract.code).toMatchObject({ state: 'verified', block: 37n, value: { kind: 'contract' } })
  })

  it("a read begun while the next contract was still parsing is not shown as the new contract's", async () => {
    const chain = fakeChain(36n)
    const contract = new ContractState({ sync: chain.sync })
    const abiText = 'function value() view returns (uint256)'
    const first = contract.load({ address: weth, abiText })
    await chain.answer(weth, code)
    await first
    const [fn] = contract.reads

    const second = contract.load({ address: reverter, abiText })
    const read = contract.read(fn!, [])
    await chain.answer(reverter, code)
    await second
    await chain.answer(weth, numberToHex(7n, { size: 32 }))
    await read

    expect(contract.address).toBe(reverter)
    expect(contract.resultOf(contract.reads[0]!)).toBeUndefined()
  })
})
