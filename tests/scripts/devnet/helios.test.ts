import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Devnet } from '../../../scripts/devnet/startDevnet.ts'
import { startTestDevnet } from '../../helpers/devnet.ts'

type Eip1193 = { request(args: { method: string; params: unknown[] }): Promise<any> }

async function rpc(url: string, method: string, params: unknown[]) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })
  return ((await res.json()) as { result: any }).result
}

// An independent verifier (a16z's Helios, Rust in WASM) follows the mainnet-shaped devnet: it only
// accepts built-in networks, so the devnet takes mainnet's genesis, fork schedule and validators
// root, and only the sync-committee keys (and so the checkpoint) are the devnet's own.
describe('Helios accepts the mainnet-shaped devnet', () => {
  let devnet: Devnet
  let helios: Eip1193
  beforeAll(async () => {
    devnet = await startTestDevnet({ like: 'mainnet', periods: 2 })
    // Helios' WASM glue looks for a worker scope in Node.
    ;(globalThis as any).WorkerGlobalScope ??= class { static [Symbol.hasInstance](x: unknown) { return x === globalThis } }
    const { createHeliosProvider } = await import('@a16z/helios')
    const provider = await createHeliosProvider(
      { executionRpc: devnet.rpcUrl, consensusRpc: devnet.beaconUrl, checkpoint: devnet.checkpointRoot, network: 'mainnet', dbType: 'config' } as any,
      'ethereum',
    )
    await (provider as any).waitSynced()
    helios = provider as unknown as Eip1193
  })
  afterAll(() => devnet?.stop())

  it('syncs from the checkpoint across two committee hand-overs to the head the devnet serves', async () => {
    expect(devnet.chainId).toBe(1)
    const head = Number(await helios.request({ method: 'eth_blockNumber', params: [] }))
    const block = await helios.request({ method: 'eth_getBlockByNumber', params: [`0x${head.toString(16)}`, false] })
    const anvilBlock = await rpc(devnet.rpcUrl, 'eth_getBlockByNumber', [`0x${head.toString(16)}`, false])
    expect(block.hash).toBe(anvilBlock.hash)
    expect(block.stateRoot).toBe(anvilBlock.stateRoot)
    // That block is the execution payload of a beacon block the devnet produced after its checkpoint.
    const beaconBlock = devnet.chain.blocks.find((b) => b.signedBlock.message.body.executionPayload.blockNumber === head)
    expect(beaconBlock).toBeDefined()
    expect(Math.floor(beaconBlock!.slot / 8192) - Math.floor(devnet.checkpointSlot / 8192)).toBe(2)
  })

  it("returns a verified balance equal to anvil's", async () => {
    const [heliosBalance, anvilBalance] = await Promise.all([
      helios.request({ method: 'eth_getBalance', params: [devnet.accounts[1], 'latest'] }),
      rpc(devnet.rpcUrl, 'eth_getBalance', [devnet.accounts[1], 'latest']),
    ])
    expect(BigInt(heliosBalance)).toBe(BigInt(anvilBalance))
    expect(BigInt(heliosBalance)).toBe(10_000n * 10n ** 18n)
  })
})
