import { readFileSync } from 'node:fs'
import { decodeForkDigestPrefixed, splitSszList } from '../../../src/lib/consensus/decodeForkDigestPrefixed.ts'
import { decodeLightClientData } from '../../../src/lib/consensus/decodeLightClientData.ts'
import { createNetworkConfig, getNetwork } from '../../../src/lib/consensus/networks.ts'
import { toConsensusHeader } from '../../../src/lib/consensus/toConsensusHeader.ts'
import { FIXTURES, type RecordedChain, envelope, readFixture } from './fakeBeaconApi.ts'

export const mainnetConfig = createNetworkConfig(getNetwork({ name: 'mainnet' }))
const UL = 'ultralight/packages/portalnetwork/test/'
const PORTAL = 'portal-spec-tests/tests/mainnet/beacon_chain/light_client/'

export type NamedChain = RecordedChain & { checkpoint: `0x${string}`; clockSlot: number }

/** The checkpoint root of a bootstrap and a clock slot just after the newest signature in the chain. */
function complete(chain: RecordedChain): NamedChain {
  const [bootstrap] = Object.values(chain.bootstraps)
  const { value } = decodeLightClientData({ config: mainnetConfig, kind: 'bootstrap', json: bootstrap, url: 'fixture' })
  const checkpoint = toConsensusHeader(value.header).beaconRoot
  const slots = [...chain.updates, chain.finality, chain.optimistic].filter(Boolean).map((u: any) => Number(u.data.signature_slot))
  return { ...chain, bootstraps: { [checkpoint]: bootstrap }, checkpoint, clockSlot: Math.max(value.header.beacon.slot, ...slots) + 1 }
}

export const ultralightCapellaA = () => complete({
  bootstraps: { x: readFixture(UL + 'integration/testdata/bootstrap.json') },
  updates: readFixture(UL + 'integration/testdata/lcUpdateRange.json'),
  optimistic: envelope(readFixture(UL + 'integration/testdata/optimisticUpdate.json')),
})

export const ultralightCapellaB = () => complete({
  bootstraps: { x: readFixture(UL + 'integration/testdata/bootstrap2.json') },
  updates: readFixture(UL + 'integration/testdata/range.json'),
})

export const ultralightDeneb = () => complete({
  bootstraps: { x: readFixture(UL + 'integration/testdata/historicalSummaries/bootstrap0xb7918b28a8e9c6be29467a0771d0ab2693d5061f43d214b6056e8c6a12a5b9f3.json') },
  updates: [],
  finality: readFixture(UL + 'integration/testdata/historicalSummaries/finality_update.json'),
  optimistic: readFixture(UL + 'integration/testdata/historicalSummaries/optimistic_update.json'),
})

export const ultralightElectra = () => complete({
  bootstraps: { x: readFixture(UL + 'integration/testdata/historicalSummaries/bootstrap.json') },
  updates: [],
  finality: readFixture(UL + 'integration/testdata/historicalSummaries/finalityUpdateSlot11708998.json'),
  optimistic: readFixture(UL + 'integration/testdata/historicalSummaries/optimisticUpdateSlot11709008.json'),
})

export const ultralightElectraStaleFinality = () => readFixture(UL + 'networks/beacon/testData/finalityUpdate_slot11708128.json')

function portalValue(path: string): Uint8Array {
  const text = readFileSync(FIXTURES + PORTAL + path, 'utf8')
  const raw = text.slice(text.indexOf('content_value:') + 'content_value:'.length)
  const hex = raw.replace(/[\s"\\]/g, '').replace(/^0x/, '')
  return Uint8Array.from(hex.match(/../g)!.map((b) => parseInt(b, 16)))
}

/** Portal content (fork digest ‖ SSZ) turned into Beacon-API JSON through the module's decoder. */
export const portalChain = (fork: 'capella' | 'deneb', { withUpdates }: { withUpdates: boolean }) => complete({
  bootstraps: { x: decodeForkDigestPrefixed({ config: mainnetConfig, kind: 'bootstrap', bytes: portalValue(`${fork}/bootstrap.yaml`) }) },
  updates: withUpdates
    ? splitSszList({ bytes: portalValue(`${fork}/updates.yaml`) }).map((bytes) => decodeForkDigestPrefixed({ config: mainnetConfig, kind: 'update', bytes }))
    : [],
  finality: decodeForkDigestPrefixed({ config: mainnetConfig, kind: 'finalityUpdate', bytes: portalValue(`${fork}/finality_update.yaml`) }),
  optimistic: decodeForkDigestPrefixed({ config: mainnetConfig, kind: 'optimisticUpdate', bytes: portalValue(`${fork}/optimistic_update.yaml`) }),
})

export { portalValue }
