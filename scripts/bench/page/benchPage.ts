// The bench page: Latchkey's light client, herumi BLS and Helios in one Chromium page, driven by
// scripts/bench/benchBrowserWork.ts through page.evaluate on `globalThis.latchkeyBench`.
import type { Hex } from 'viem'
import { LightClient } from '../../../src/lib/consensus/LightClient.ts'
import { type CreateCustomNetworkParameters, createCustomNetwork } from '../../../src/lib/consensus/networks.ts'
import { createVerifiedRequest } from '../../../src/lib/rpc/createVerifiedRequest.ts'
import { type LightClientWorkInput, measureLightClientWork } from '../measureLightClientWork.ts'

/** `profile`: a CPU profile of the start alone, from `new LightClient` to 'synced' (console.profile: a CDP session with Profiler enabled receives it). */
export type PeerInput = { network: CreateCustomNetworkParameters; beaconUrl: string; rpcUrl: string; checkpoint: Hex; chainId: number; profile?: boolean }
type Eip1193 = { request(args: { method: string; params: unknown[] }): Promise<unknown>; waitSynced(): Promise<void>; shutdown(): Promise<void> }
type Request = (args: { method: string; params: unknown[] }) => Promise<unknown>

let latchkey: { lc: LightClient; request: Request } | undefined
let helios: Eip1193 | undefined

const timed = async <T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> => {
  const start = performance.now()
  const value = await fn()
  return { ms: performance.now() - start, value }
}

const getBalance = async (request: Request, address: string) => {
  const { ms, value } = await timed(() => request({ method: 'eth_getBalance', params: [address, 'latest'] }))
  return { ms, value: BigInt(value as string).toString() }
}

const bench = {
  lightClientWork: (input: LightClientWorkInput) => measureLightClientWork(input),

  /**
   * Start to synced head: `start()`, as the app's light-client worker runs it (bootstrap from the
   * checkpoint, then rounds every slot), until the client reports 'synced' (the state the app
   * shows; as Helios's waitSynced): timed to that report. Then `stop()` waits for the rest of that
   * round (the next period's committee, held back until the heads are in; the idle validation of
   * the committees), so that it does not run into the next measurement.
   */
  async startLatchkey(input: PeerInput): Promise<number> {
    await latchkey?.lc.stop()
    if (input.profile) console.profile('latchkey start')
    const start = performance.now()
    const network = createCustomNetwork({ ...input.network, beaconApis: [input.beaconUrl] })
    const lc = new LightClient({ network, checkpoint: input.checkpoint, minAgreeingEndpoints: 1 })
    let unsubscribe = () => {}
    // A round every slot: four slots without 'synced' (or an error) is a failure to report, not a wait.
    const limitMs = 4 * Number(input.network.specJson.SECONDS_PER_SLOT ?? 12) * 1000
    const synced = new Promise<number>((resolve, reject) => {
      const fail = () => reject(new Error(`Latchkey's light client did not sync: ${lc.state.status} ${lc.state.reason ?? ''}`))
      const timer = setTimeout(fail, limitMs)
      unsubscribe = lc.subscribe((e) => {
        if (e.type !== 'state' || (e.state.status !== 'synced' && e.state.status !== 'error')) return
        clearTimeout(timer)
        if (input.profile) console.profileEnd('latchkey start')
        if (e.state.status === 'synced') resolve(performance.now())
        else fail()
      })
    })
    const running = lc.start()
    try {
      const syncedAt = await synced
      latchkey = { lc, request: createVerifiedRequest({ headers: lc, rpcs: [input.rpcUrl], chainId: input.chainId }).request as Request }
      return syncedAt - start
    } finally {
      unsubscribe()
      await lc.stop()
      await running
    }
  },
  latchkeyBalance: (address: string) => getBalance(latchkey!.request, address),

  /** Loads Helios's module (its WASM is inlined in dist/lib.mjs): the one-time cost. */
  async loadHelios(): Promise<number> {
    return (await timed(() => import('@a16z/helios'))).ms
  },
  async startHelios(input: PeerInput): Promise<number> {
    await helios?.shutdown()
    const { createHeliosProvider } = await import('@a16z/helios')
    const { ms, value } = await timed(async () => {
      const provider = (await createHeliosProvider({ executionRpc: input.rpcUrl, consensusRpc: input.beaconUrl, checkpoint: input.checkpoint, network: 'mainnet', dbType: 'config' } as never, 'ethereum')) as unknown as Eip1193
      await provider.waitSynced()
      return provider
    })
    helios = value
    return ms
  },
  heliosBalance: (address: string) => getBalance((args) => helios!.request(args), address),
  async stopAll(): Promise<void> {
    await helios?.shutdown()
    await latchkey?.lc.stop()
    helios = latchkey = undefined
  },
  randomAddress(): string {
    return `0x${[...crypto.getRandomValues(new Uint8Array(20))].map((b) => b.toString(16).padStart(2, '0')).join('')}`
  },
}

export type LatchkeyBench = typeof bench
;(globalThis as { latchkeyBench?: LatchkeyBench }).latchkeyBench = bench
document.getElementById('status')!.textContent = 'ready'
