import { ssz } from '@lodestar/types'
import { bytesToHex } from 'viem'
import { describe, expect, it, vi } from 'vitest'
import { chainsafeBls } from '../../../src/lib/consensus/bls/chainsafeBls.ts'
import { InvalidSyncCommitteeError } from '../../../src/lib/consensus/errors.ts'
import { SyncCommittee } from '../../../src/lib/consensus/lightClientSsz.ts'
import { SyncCommitteeValidator } from '../../../src/lib/consensus/SyncCommitteeValidator.ts'
import { PERIOD, committeeOf } from './syntheticChain.ts'

/** A key on the curve but outside G1 (x = 0, y = 2: a point of order 3). */
const OUTSIDE_G1 = Uint8Array.from([0x80, ...new Uint8Array(47)])
// Fresh committees per test (by content): the validator's record of valid roots is per process.
const committee = (period: number) => committeeOf(period).committee
const rootOf = (c: ReturnType<typeof committee>) => bytesToHex(ssz.altair.SyncCommittee.hashTreeRoot(c))

describe('SyncCommitteeValidator', () => {
  it('hashes a noted committee only when the pending list is read (not while a round verifies with it)', async () => {
    const hashing = vi.spyOn(SyncCommittee, 'hashTreeRoot')
    const validator = new SyncCommitteeValidator({ bls: chainsafeBls })
    const c = committee(PERIOD + 40)
    validator.note(c, 'https://a.example')
    validator.note(c, 'https://b.example')
    expect(hashing).not.toHaveBeenCalled()
    expect(validator.hasPending).toBe(true)
    hashing.mockRestore()
    expect(validator.endpointOf(rootOf(c))).toBe('https://a.example') // the first source is the one blamed
    await validator.validatePending()
    expect(validator.hasPending).toBe(false)
    expect(validator.isValidated(c)).toBe(true)
  })

  it('a committee noted, then known valid from the saved state, is not validated again', async () => {
    const validator = new SyncCommitteeValidator({ bls: chainsafeBls })
    const c = committee(PERIOD + 41)
    validator.note(c)
    validator.markValidated([rootOf(c)])
    expect(validator.hasPending).toBe(false)
  })

  it('still refuses an invalid committee, naming its key and the endpoint that served it', async () => {
    const validator = new SyncCommitteeValidator({ bls: chainsafeBls })
    const honest = committee(PERIOD + 42)
    const bad = { ...honest, pubkeys: honest.pubkeys.map((k, i) => (i === 300 ? OUTSIDE_G1 : k)) }
    validator.note(bad, 'https://forger.example')
    const error = await validator.validatePending().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvalidSyncCommitteeError)
    expect(error).toMatchObject({ index: 300, endpoint: 'https://forger.example', committeeRoot: rootOf(bad) })
    expect(validator.isValidated(bad)).toBe(false)
    expect(validator.hasPending).toBe(true)
  })

  it('a committee noted while another is validated (during a pause) is validated in the same pass', async () => {
    const later = committee(PERIOD + 44)
    let validator!: SyncCommitteeValidator
    let once = false
    validator = new SyncCommitteeValidator({
      bls: chainsafeBls,
      pause: async () => {
        if (!once) validator.note(later, 'https://late.example')
        once = true
      },
    })
    validator.note(committee(PERIOD + 43))
    await validator.validatePending()
    expect(validator.isValidated(later)).toBe(true)
    expect(validator.hasPending).toBe(false)
  })
})
