import { describe, expect, it } from 'vitest'
import type { ConsensusHeader } from '../../../src/lib/consensus/toConsensusHeader.ts'
import type { FromWorker, StateData, ToWorker } from '../../../src/ui/state/lightClientProtocol.ts'
import type { NetworkSettings } from '../../../src/ui/state/settings.svelte.ts'
import { createWorkerLightClient } from '../../../src/ui/state/WorkerLightClient.ts'

/** Stands in for the module worker: records what the page posts, lets the test answer. */
class FakeWorker extends EventTarget {
  posted: ToWorker[] = []
  terminated = false
  onPost: ((message: ToWorker) => void) | undefined
  postMessage(message: ToWorker) {
    this.posted.push(message)
    this.onPost?.(message)
  }
  terminate() {
    this.terminated = true
  }
  send(data: FromWorker) {
    this.dispatchEvent(new MessageEvent('message', { data }))
  }
}

const network: NetworkSettings = { id: 'devnet', name: 'Local devnet', kind: 'custom', chainId: 31337, beaconApis: ['http://127.0.0.1:1'], rpcs: ['http://127.0.0.1:2'] }
const execution = { number: 42n, hash: '0xaa', stateRoot: '0xbb', receiptsRoot: '0xcc', baseFeePerGas: 7n } as never
const head: ConsensusHeader = { slot: 100, beaconRoot: '0x01', stateRoot: '0x02', execution }
const state: StateData = {
  status: 'syncing', reason: undefined, error: undefined, checkpoint: undefined, finalized: head, optimistic: head, syncPeriod: 0,
  participation: undefined, lastUpdateAtMs: undefined, msSinceLastUpdate: undefined, currentSlot: 100,
  endpoints: [{ url: 'http://127.0.0.1:1', latencyMs: 5, successes: 1, failures: 0, consecutiveFailures: 0, faultsProven: 0, faulty: false, lagging: false, withholding: false, lastHeadSlot: 100, lastError: undefined }],
}

async function started(worker = new FakeWorker()) {
  const handle = createWorkerLightClient({ network, worker: worker as unknown as Worker })
  expect(worker.posted).toEqual([]) // nothing is sent before the worker listens
  worker.send({ type: 'loaded' })
  expect(worker.posted).toEqual([{ type: 'start', network }])
  worker.send({ type: 'ready', genesisTime: Math.floor(Date.now() / 1000) - 120, secondsPerSlot: 12, state })
  return { worker, lightClient: await handle }
}

describe('createWorkerLightClient', () => {
  it('starts the worker once it listens and mirrors its state, endpoints and clock', async () => {
    const { lightClient } = await started()
    expect(lightClient.state.status).toBe('syncing')
    expect(lightClient.pool.health[0].url).toBe('http://127.0.0.1:1')
    expect(lightClient.currentSlot).toBe(10)
  })

  it('forwards state and head events, rebuilding typed errors with their name', async () => {
    const { worker, lightClient } = await started()
    const events: unknown[] = []
    lightClient.subscribe((e) => events.push(e))
    worker.send({ type: 'state', state: { ...state, status: 'stalled', error: { name: 'WithheldDataError', shortMessage: 'no updates', message: 'no updates' } } })
    expect(lightClient.state.status).toBe('stalled')
    expect(lightClient.state.error?.name).toBe('WithheldDataError')
    expect(lightClient.state.error?.shortMessage).toBe('no updates')
    const newer = { ...head, slot: 101 }
    worker.send({ type: 'head', finalized: head, optimistic: newer })
    expect(lightClient.state.optimistic?.slot).toBe(101)
    expect(events.map((e) => (e as { type: string }).type)).toEqual(['state', 'head'])
  })

  it('asks the worker for verified execution headers and keeps its error names', async () => {
    const { worker, lightClient } = await started()
    worker.onPost = (m) => {
      if (m.type !== 'header') return
      if (m.block === 42n) worker.send({ type: 'header', id: m.id, header: execution })
      else worker.send({ type: 'header', id: m.id, error: { name: 'HeaderNotAvailableError', shortMessage: `block ${m.block} is not verified`, message: 'x' } })
    }
    await expect(lightClient.getExecutionHeader(42n)).resolves.toEqual(execution)
    const refused = lightClient.getExecutionHeader(41n)
    await expect(refused).rejects.toMatchObject({ name: 'HeaderNotAvailableError', shortMessage: 'block 41 is not verified' })
  })

  it('stops the worker and fails requests still waiting', async () => {
    const { worker, lightClient } = await started()
    const waiting = lightClient.getExecutionHeader('latest')
    worker.onPost = (m) => m.type === 'stop' && worker.send({ type: 'stopped' })
    const running = lightClient.start()
    await lightClient.stop()
    await running
    expect(worker.terminated).toBe(true)
    await expect(waiting).rejects.toThrow('stopped')
  })

  it('rejects (so the page falls back) when the worker script fails, the client cannot start in it, or it never answers', async () => {
    const failing = new FakeWorker()
    const a = createWorkerLightClient({ network, worker: failing as unknown as Worker })
    failing.dispatchEvent(new Event('error'))
    await expect(a).rejects.toMatchObject({ name: 'WorkerUnavailableError' })
    expect(failing.terminated).toBe(true)

    const broken = new FakeWorker()
    const b = createWorkerLightClient({ network, worker: broken as unknown as Worker })
    broken.send({ type: 'loaded' })
    broken.send({ type: 'failed', error: { name: 'ReferenceError', shortMessage: 'Buffer is not defined', message: 'Buffer is not defined' } })
    await expect(b).rejects.toThrow('ReferenceError: Buffer is not defined')

    const silent = new FakeWorker()
    await expect(createWorkerLightClient({ network, worker: silent as unknown as Worker, readyTimeoutMs: 20 })).rejects.toThrow('no answer within 20 ms')
    expect(silent.terminated).toBe(true)
  })
})
