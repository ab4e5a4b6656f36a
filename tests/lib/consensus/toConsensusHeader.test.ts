import { expect, it } from 'vitest'
import { bytesToHex } from 'viem'
import { decodeLightClientData } from '../../../src/lib/consensus/decodeLightClientData.ts'
import { BeaconBlockHeader } from '../../../src/lib/consensus/lightClientSsz.ts'
import { toConsensusHeader } from '../../../src/lib/consensus/toConsensusHeader.ts'
import { heliosChain } from './heliosChain.ts'
import { mainnetConfig } from './recordedChains.ts'

const decodeBootstrapHeader = () => {
  const [json] = Object.values(heliosChain().bootstraps)
  return decodeLightClientData({ config: mainnetConfig, kind: 'bootstrap', json, url: 'fixture' }).value.header
}

it("gives a recorded mainnet header's beacon root and execution facts", () => {
  const header = decodeBootstrapHeader()
  const consensus = toConsensusHeader(header)
  expect(consensus.beaconRoot).toBe(bytesToHex(BeaconBlockHeader.hashTreeRoot(header.beacon)))
  expect(consensus.slot).toBe(header.beacon.slot)
  expect(consensus.execution?.blockHash).toBe(bytesToHex((header as { execution: { blockHash: Uint8Array } }).execution.blockHash))
})

it('computes a header object once and shares the result frozen; another object with the same bytes gets an equal one', () => {
  const header = decodeBootstrapHeader()
  const first = toConsensusHeader(header)
  expect(toConsensusHeader(header)).toBe(first)
  expect(Object.isFrozen(first) && Object.isFrozen(first.execution)).toBe(true)
  expect(() => { (first as { slot: number }).slot = 1 }).toThrow(TypeError)
  const again = toConsensusHeader(decodeBootstrapHeader())
  expect(again).not.toBe(first)
  expect(again).toEqual(first)
})
