import { MIN_SYNC_COMMITTEE_PARTICIPANTS } from '@lodestar/params'
import { ssz } from '@lodestar/types'
import { bytesToHex } from 'viem'
import { describe, expect, it } from 'vitest'
import { createSyncCommitteeKeys } from '../../../../scripts/devnet/syncCommitteeKeys.ts'
import { chainsafeBls } from '../../../../src/lib/consensus/bls/chainsafeBls.ts'
import { nobleBls } from '../../../../src/lib/consensus/bls/nobleBls.ts'
import { decodeLightClientData } from '../../../../src/lib/consensus/decodeLightClientData.ts'
import { InsufficientParticipationError, InvalidSyncCommitteeError, InvalidSyncSignatureError } from '../../../../src/lib/consensus/errors.ts'
import { MalformedResponseError } from '../../../../src/lib/endpoints/errors.ts'
import { initializeLightClientStore } from '../../../../src/lib/consensus/spec/initializeLightClientStore.ts'
import { processLightClientUpdate } from '../../../../src/lib/consensus/spec/processLightClientUpdate.ts'
import { validateSyncCommittee } from '../../../../src/lib/consensus/spec/validateSyncCommittee.ts'
import { mainnetConfig } from '../recordedChains.ts'
import { PERIOD, allBut, committeeOf, json, only, syntheticBootstrap, syntheticUpdate } from '../syntheticChain.ts'

const honest = committeeOf(PERIOD)
const nextCommittee = committeeOf(PERIOD + 1).committee
/** A key on the curve but outside G1 (x = 0, y = 2: a point of order 3). */
const OUTSIDE_G1 = Uint8Array.from([0x80, ...new Uint8Array(47)])

describe.each([['noble', nobleBls], ['blst (native)', chainsafeBls]] as const)('the sync core with %s BLS', (_, bls) => {
  const context = { config: mainnetConfig, bls }
  const start = (current = honest.committee) => {
    const { bootstrap, trustedRoot } = syntheticBootstrap(current, nextCommittee)
    return initializeLightClientStore({ config: mainnetConfig, trustedBlockRoot: trustedRoot, bootstrap })
  }
  const process = (store: ReturnType<typeof start>, update: ReturnType<typeof syntheticUpdate>) =>
    processLightClientUpdate({ context, store, update, currentSlot: update.signatureSlot })

  it('accepts an update with no non-signers: finalizes, learns the next committee, moves the optimistic head', () => {
    const store = start()
    const update = syntheticUpdate({ signers: honest.keys, current: honest.committee, next: nextCommittee })
    process(store, update)
    expect(store.finalizedHeader).toBe(update.finalizedHeader)
    expect(store.optimisticHeader).toBe(update.attestedHeader)
    expect(ssz.altair.SyncCommittee.equals(store.nextSyncCommittee!, nextCommittee)).toBe(true)
    expect(store.bestValidUpdate).toBeUndefined()
  })

  it('accepts non-signers at the first and the last index (0 and 511)', () => {
    const store = start()
    process(store, syntheticUpdate({ signers: honest.keys, bits: allBut(0, 511), current: honest.committee, next: nextCommittee }))
    expect(store.finalizedHeader.beacon.slot).toBeGreaterThan(start().finalizedHeader.beacon.slot)
  })

  it(`accepts only the minimum of signers (${MIN_SYNC_COMMITTEE_PARTICIPANTS}): optimistic head only, kept as best update`, () => {
    const store = start()
    const bits = only(...Array.from({ length: MIN_SYNC_COMMITTEE_PARTICIPANTS }, (_, i) => 300 + i))
    const update = syntheticUpdate({ signers: honest.keys, bits, current: honest.committee, next: nextCommittee })
    process(store, update)
    expect(store.optimisticHeader).toBe(update.attestedHeader)
    expect(store.finalizedHeader.beacon.slot).toBe(start().finalizedHeader.beacon.slot)
    expect(store.bestValidUpdate).toBe(update)
  })

  it('accepts a few signers (their keys summed instead of the aggregate minus 500 non-signers)', () => {
    const store = start()
    const update = syntheticUpdate({ signers: honest.keys, bits: only(0, 17, 511), current: honest.committee, next: nextCommittee })
    process(store, update)
    expect(store.optimisticHeader).toBe(update.attestedHeader)
  })

  it('refuses an update below the minimum of signers', () => {
    const update = syntheticUpdate({ signers: honest.keys, bits: only(3), current: honest.committee, next: nextCommittee })
    update.syncAggregate.syncCommitteeBits.set(3, false)
    expect(() => process(start(), update)).toThrow(InsufficientParticipationError)
  })

  it('refuses participation bits that name a member who did not sign, or omit one who did', () => {
    const claimsMore = syntheticUpdate({ signers: honest.keys, bits: allBut(5), claimedBits: allBut(), current: honest.committee, next: nextCommittee })
    expect(() => process(start(), claimsMore)).toThrow(InvalidSyncSignatureError)
    const claimsLess = syntheticUpdate({ signers: honest.keys, bits: allBut(), claimedBits: allBut(5), current: honest.committee, next: nextCommittee })
    expect(() => process(start(), claimsLess)).toThrow(InvalidSyncSignatureError)
  })

  it('handles a member sitting twice in the committee (one seat signing, the other not)', () => {
    const keys = createSyncCommitteeKeys('synthetic', PERIOD)
    keys.scalars[6] = keys.scalars[5]!
    keys.committee.pubkeys[6] = keys.committee.pubkeys[5]!
    // The aggregate of a committee with the key twice: compute it as the chain does, from the keys.
    keys.committee.aggregatePubkey = bls.toBytes(bls.aggregate(keys.committee.pubkeys.map((k) => bls.publicKey(k))))
    const store = start(keys.committee)
    process(store, syntheticUpdate({ signers: keys, bits: allBut(6), current: keys.committee, next: nextCommittee }))
    expect(store.nextSyncCommittee).toBeDefined()
  })

  it('refuses a committee with an invalid key among the non-signers when it is used', () => {
    const committee = { ...honest.committee, pubkeys: honest.committee.pubkeys.map((k, i) => (i === 7 ? OUTSIDE_G1 : k)) }
    const update = syntheticUpdate({ signers: honest.keys, bits: allBut(7), current: committee, next: nextCommittee })
    const error = (() => { try { process(start(committee), update) } catch (e) { return e } })() as InvalidSyncCommitteeError
    expect(error).toBeInstanceOf(InvalidSyncCommitteeError)
    expect(error.index).toBe(7)
    expect(error.committeeRoot).toBe(bytesToHex(ssz.altair.SyncCommittee.hashTreeRoot(committee)))
  })

  it('a forged aggregate_pubkey passes the signature check alone; the full validation refuses the committee', async () => {
    const forger = createSyncCommitteeKeys('forger', 1)
    const forged = { ...honest.committee, aggregatePubkey: forger.committee.pubkeys[0]! }
    const store = start(forged)
    // The forger alone signs for all 512 seats: aggregate_pubkey minus no non-signers is the forger's key.
    process(store, syntheticUpdate({ signers: forger, bits: only(0), claimedBits: allBut(), current: forged, next: nextCommittee }))
    const committeeRoot = bytesToHex(ssz.altair.SyncCommittee.hashTreeRoot(forged))
    const error = await validateSyncCommittee({ bls, committee: forged, committeeRoot }).catch((e) => e)
    expect(error).toBeInstanceOf(InvalidSyncCommitteeError)
    expect(error.index).toBeUndefined()
    expect(error.message).toContain('aggregate_pubkey is not the sum of its keys')
  })

  it('the full validation names an invalid key, and passes an honest committee', async () => {
    const committee = { ...honest.committee, pubkeys: honest.committee.pubkeys.map((k, i) => (i === 300 ? OUTSIDE_G1 : k)) }
    await expect(validateSyncCommittee({ bls, committee, committeeRoot: '0x01' })).rejects.toMatchObject({ name: 'InvalidSyncCommitteeError', index: 300 })
    await expect(validateSyncCommittee({ bls, committee: honest.committee, committeeRoot: '0x02' })).resolves.toBeUndefined()
  })
})

describe('participation bits on the wire', () => {
  const update = json.update(syntheticUpdate({ signers: honest.keys, current: honest.committee, next: nextCommittee }))
  it.each([['a 513th bit (65 bytes)', '0x' + 'ff'.repeat(65)], ['511 bits (64 bytes short of one)', '0x' + 'ff'.repeat(63)]])('refuses %s as malformed', (_, bits) => {
    const tampered = structuredClone(update)
    tampered.data.sync_aggregate.sync_committee_bits = bits
    expect(() => decodeLightClientData({ config: mainnetConfig, kind: 'update', json: tampered, url: 'test' })).toThrow(MalformedResponseError)
  })
})
