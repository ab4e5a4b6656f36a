import { describe, expect, it, vi } from 'vitest'
import type { ConsensusHeader } from '../../../src/lib/consensus/toConsensusHeader.ts'
import type { FromWorker, StateData, ToWorker } from '../../../src/ui/engine/lightClientProtocol.ts'
import type { NetworkSettings } from '../../../src/lib/settings/settingsData.ts'
import { createWorkerLightClient } from '../../../src/ui/engine/createWorkerLightClient.ts'
import { toLightClientChannel } from '../../../src/ui/engine/toLightClientChannel.ts'

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
  /** The page's channel to it, listening from the moment it is spawned (as spawnLightClientWorker does). */
  get channel() {
    this.#channel ??= toLightClientChannel({ endpoint: this as unknown as Worker, close: () => this.terminate() })
    return this.#channel
  }
  #channel: ReturnType<typeof toLightClientChannel> | undefined
}

const settled = () => new Promise((r) => setTimeout(r, 0))

const network: NetworkSettings = { id: 'devnet', name: 'Local devnet', kind: 'custom', chainId: 31337, beaconApis: ['http://127.0.0.1:1'], rpcs: ['http://127.0.0.1:2'] }
const execution = { number: 42n, hash: '0xaa', stateRoot: '0xbb', receiptsRoot: '0xcc', baseFeePerGas: 7n } as never
const head: ConsensusHeader = { slot: 100, beaconRoot: '0x01', stateRoot: '0x02', execution }
const state: StateData = {
  status: 'syncing', reason: undefined, error: undefined, checkpoint: undefined, finalized: head, optimistic: head, syncPeriod: 0,
  participation: undefined, lastUpdateAtMs: undefined, msSinceLastUpdate: undefined, currentSlot: 100, secondsPerSlot: 12,
  endpoints: [{ url: 'http://127.0.0.1:1', latencyMs: 5, successes: 1, failures: 0, consecutiveFailures: 0, faultsProven: 0, faulty: false, lagging: false, withholding: false, lastHeadSlot: 100, lastError: undefined, fault: undefined }],
}

async function started(worker = new FakeWorker()) {
  const handle = createWorkerLightClient({ network, channel: worker.channel })
  // Sent at once, before the worker said 'loaded': a worker holds its messages until its script has run.
  expect(worker.posted).toEqual([{ type: 'start', network }])
  worker.send({ type: 'loaded' })
  await settled()
  expect(worker.posted).toEqual([{ type: 'start', network }]) // once: 'loaded' sends nothing more
  worker.send({ type: 'ready', genesisTime: Math.floor(Date.now() / 1000) - 120, secondsPerSlot: 12, state })
  return { worker, lightClient: await handle }
}

describe('createWorkerLightClient', () => {
  it('starts the worker at once and mirrors its state, endpoints and clock', async () => {
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

  it('answers the verified headers it already holds without asking the worker', async () => {
    const { worker, lightClient } = await started()
    await expect(lightClient.getExecutionHeader('latest')).resolves.toEqual(execution)
    await expect(lightClient.getExecutionHeader('finalized')).resolves.toEqual(execution)
    await expect(lightClient.getExecutionHeader(42n)).resolves.toEqual(execution)
    const newer = { ...(execution as object), number: 43n, blockHash: '0xdd' } as never
    worker.send({ type: 'head', finalized: head, optimistic: { ...head, slot: 101, execution: newer } })
    await expect(lightClient.getExecutionHeader('latest')).resolves.toEqual(newer)
    expect(worker.posted.filter((m) => m.type === 'header')).toEqual([])
  })

  it('asks the worker for a block it does not hold and keeps its error names', async () => {
    const { worker, lightClient } = await started()
    worker.onPost = (m) => {
      if (m.type !== 'header') return
      worker.send({ type: 'header', id: m.id, error: { name: 'HeaderNotAvailableError', shortMessage: `block ${m.block} is not verified`, message: 'x' } })
    }
    const refused = lightClient.getExecutionHeader(41n)
    await expect(refused).rejects.toMatchObject({ name: 'HeaderNotAvailableError', shortMessage: 'block 41 is not verified' })
    expect(worker.posted.filter((m) => m.type === 'header')).toHaveLength(1)
  })

  it('answers head evidence the worker sent with the heads without asking it, and asks for any other block', async () => {
    const { worker, lightClient } = await started()
    const evidence = { via: 'attested', header: head, participants: 500, signatureSlot: 101, finalized: head, anchorRoot: '0x03' } as const
    worker.send({ type: 'head', finalized: head, optimistic: head, evidence: { '0xaa': evidence } })
    await expect(lightClient.headEvidence('0xAA')).resolves.toEqual(evidence)
    // A newer record of the same block (sent with a state) replaces the held one.
    const finalized = { ...evidence, via: 'finalized' as const }
    worker.send({ type: 'state', state, evidence: { '0xaa': finalized } })
    await expect(lightClient.headEvidence('0xaa')).resolves.toEqual(finalized)
    expect(worker.posted.filter((m) => m.type === 'headEvidence')).toEqual([])
    worker.onPost = (m) => m.type === 'headEvidence' && worker.send({ type: 'headEvidence', id: m.id, evidence: undefined })
    await expect(lightClient.headEvidence('0xbb')).resolves.toBeUndefined()
    expect(worker.posted.filter((m) => m.type === 'headEvidence')).toHaveLength(1)
  })

  it('starts a worker that said loaded before anyone listened (spawned at app start)', async () => {
    const early = new FakeWorker()
    void early.channel // spawned: the channel listens
    early.send({ type: 'loaded' })
    const handle = createWorkerLightClient({ network, channel: early.channel })
    await vi.waitFor(() => expect(early.posted).toEqual([{ type: 'start', network }]))
    early.send({ type: 'ready', genesisTime: 0, secondsPerSlot: 12, state })
    await expect(handle).resolves.toBeDefined()
  })

  it('stops the worker and fails requests still waiting', async () => {
    const { worker, lightClient } = await started()
    const waiting = lightClient.getExecutionHeader(41n) // not held: asked of the worker
    worker.onPost = (m) => m.type === 'stop' && worker.send({ type: 'stopped' })
    const running = lightClient.start()
    await lightClient.stop()
    await running
    expect(worker.terminated).toBe(true)
    await expect(waiting).rejects.toThrow('stopped')
  })

  it('once stopping, fails new requests at once instead of asking a worker that will never answer', async () => {
    const { worker, lightClient } = await started()
    worker.onPost = (m) => m.type === 'stop' && setTimeout(() => worker.send({ type: 'stopped' }), 10)
    const stopping = lightClient.stop()
    const asked = worker.posted.length
    // A read that started before the switch and asks on after it (a header, its evidence, a bundle).
    await expect(lightClient.getExecutionHeader(41n)).rejects.toMatchObject({ name: 'LightClientStoppedError' })
    await expect(lightClient.headEvidence('0xaa')).rejects.toMatchObject({ name: 'LightClientStoppedError' })
    await expect(lightClient.bundleConsensus('0xaa')).rejects.toMatchObject({ name: 'LightClientStoppedError' })
    expect(worker.posted.length).toBe(asked)
    await stopping
  })

  it('rejects (so the page falls back) when the worker script fails, the client cannot start in it, or it never answers', async () => {
    const failing = new FakeWorker()
    const a = createWorkerLightClient({ network, channel: failing.channel })
    failing.dispatchEvent(new Event('error'))
    await expect(a).rejects.toMatchObject({ name: 'WorkerUnavailableError' })
    expect(failing.terminated).toBe(true)

    const broken = new FakeWorker()
    const b = createWorkerLightClient({ network, channel: broken.channel })
    broken.send({ type: 'loaded' })
    broken.send({ type: 'failed', error: { name: 'ReferenceError', shortMessage: 'Buffer is not defined', message: 'Buffer is not defined' } })
    await expect(b).rejects.toThrow('ReferenceError: Buffer is not defined')
    // The typed error rides along: on the page it is shown by its own name.
    await expect(b).rejects.toMatchObject({ name: 'WorkerUnavailableError', cause: { name: 'ReferenceError' } })

    const silent = new FakeWorker()
    await expect(createWorkerLightClient({ network, channel: silent.channel, readyTimeoutMs: 20 })).rejects.toThrow('no answer within 20 ms')
    expect(silent.terminated).toBe(true)
  })
})
