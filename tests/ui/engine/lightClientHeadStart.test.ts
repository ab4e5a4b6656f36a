import { readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import type { LightClient, LightClientEvent, LightClientState } from '../../../src/lib/consensus/LightClient.ts'
import type { NetworkSettings } from '../../../src/lib/settings/settingsData.ts'
import { HEAD_START_KEY, HEAD_START_SEPARATOR, forgetHeadStart, headStartOf, rememberHeadStart } from '../../../src/ui/engine/lightClientHeadStart.ts'
import { type ServicePort, serveLightClient } from '../../../src/ui/engine/lightClient.worker.ts'
import type { FromWorker, ToWorker } from '../../../src/ui/engine/lightClientProtocol.ts'

const devnet: NetworkSettings = { id: 'devnet', name: 'Local devnet', kind: 'custom', chainId: 31337, beaconApis: ['http://127.0.0.1:1'], rpcs: ['http://127.0.0.1:2'] }
const other: NetworkSettings = { ...devnet, beaconApis: ['http://127.0.0.1:3'] }

/** A light client that records how it is driven; its state is what the test sets. */
function fakeClient(network: NetworkSettings) {
  const listeners = new Set<(event: LightClientEvent) => void>()
  const client = {
    settings: network,
    network: { genesisTime: 1_700_000_000 },
    config: { SECONDS_PER_SLOT: 12 },
    state: { status: 'syncing', finalized: undefined, optimistic: undefined } as unknown as LightClientState,
    start: vi.fn(async () => {}),
    stop: vi.fn(async () => {}),
    headEvidence: () => undefined,
    subscribe(listener: (event: LightClientEvent) => void) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    emit(state: Partial<LightClientState>) {
      client.state = { ...client.state, ...state }
      for (const listener of listeners) listener({ type: 'state', state: client.state } as LightClientEvent)
    },
  }
  return client
}

function serve(headStart?: string) {
  const posted: FromWorker[] = []
  let listener: ((event: MessageEvent<ToWorker>) => void) | undefined
  const port: ServicePort = { postMessage: (m) => posted.push(m), addEventListener: (_, l) => (listener = l) }
  const made: ReturnType<typeof fakeClient>[] = []
  const create = ({ network }: { network: NetworkSettings }) => {
    const client = fakeClient(network)
    made.push(client)
    return client as unknown as LightClient
  }
  serveLightClient(port, { headStart, create })
  // Structured clone, as postMessage delivers it: the same JSON, another object.
  const send = (message: ToWorker) => listener!(new MessageEvent('message', { data: structuredClone(message) }))
  return { posted, made, send }
}

const types = (posted: FromWorker[]) => posted.map((m) => m.type)

describe('the light client head-started on the network the page started last', () => {
  it('starts at once, posts nothing of it until the page starts that network, then is the page\'s', () => {
    const { posted, made, send } = serve(JSON.stringify(devnet))
    expect(made).toHaveLength(1)
    expect(made[0]!.start).toHaveBeenCalledTimes(1)
    made[0]!.emit({ status: 'synced' })
    expect(types(posted)).toEqual(['loaded']) // its state is not on the page before the page asked for it
    send({ type: 'start', network: devnet })
    expect(made).toHaveLength(1) // no second light client
    expect(types(posted)).toEqual(['loaded', 'ready', 'state'])
    expect(posted[1]).toMatchObject({ type: 'ready', state: { status: 'synced' } })
    made[0]!.emit({ status: 'stalled' })
    expect(posted.at(-1)).toMatchObject({ type: 'state', state: { status: 'stalled' } })
  })

  it('a page starting another network stops it unannounced and starts the page\'s', () => {
    const { posted, made, send } = serve(JSON.stringify(devnet))
    send({ type: 'start', network: other })
    expect(made).toHaveLength(2)
    expect(made[0]!.stop).toHaveBeenCalled()
    expect(made[1]!.settings.beaconApis).toEqual(other.beaconApis)
    made[0]!.emit({ status: 'synced' }) // the stopped one's events never reach the page
    expect(types(posted)).toEqual(['loaded', 'ready'])
    made[1]!.emit({ status: 'synced' })
    expect(types(posted)).toEqual(['loaded', 'ready', 'state'])
  })

  it('one that failed meanwhile is started again on the page\'s start', () => {
    const { made, send } = serve(JSON.stringify(devnet))
    made[0]!.emit({ status: 'error' })
    send({ type: 'start', network: devnet })
    expect(made).toHaveLength(2)
    expect(made[0]!.stop).toHaveBeenCalled()
  })

  it('without a head start (or with one that is not JSON) the page\'s start makes the only light client', () => {
    for (const headStart of [undefined, '{not json']) {
      const { posted, made, send } = serve(headStart)
      expect(made).toHaveLength(0)
      send({ type: 'start', network: devnet })
      expect(made).toHaveLength(1)
      expect(types(posted)).toEqual(['loaded', 'ready'])
    }
  })

  it('the page remembers what it started; the worker reads it from its name; a reset forgets it', () => {
    const items = new Map<string, string>()
    const storage = { setItem: (k: string, v: string) => items.set(k, v), getItem: (k: string) => items.get(k) ?? null, removeItem: (k: string) => items.delete(k) } as unknown as Storage
    rememberHeadStart(devnet, storage)
    expect(items.get(HEAD_START_KEY)).toBe(JSON.stringify(devnet))
    expect(headStartOf(`latchkey-light-client#${items.get(HEAD_START_KEY)}`)).toBe(JSON.stringify(devnet))
    expect(headStartOf('latchkey-light-client')).toBeUndefined()
    forgetHeadStart(storage)
    expect(items.has(HEAD_START_KEY)).toBe(false)
  })

  it("the inline starter (a classic script, which cannot import them) reads the same key and writes the same separator", () => {
    const starter = readFileSync(new URL('../../../src/ui/engine/startLightClientWorker.js', import.meta.url), 'utf8')
    expect(starter).toContain(`localStorage.getItem('${HEAD_START_KEY}')`)
    expect(starter).toContain(`'latchkey-light-client${HEAD_START_SEPARATOR}' + headStart`)
  })
})
