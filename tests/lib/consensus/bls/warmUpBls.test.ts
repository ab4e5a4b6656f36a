import { describe, expect, it } from 'vitest'
import type { BlsBackend } from '../../../../src/lib/consensus/bls/BlsBackend.ts'
import { chainsafeBls } from '../../../../src/lib/consensus/bls/chainsafeBls.ts'
import { nobleBls } from '../../../../src/lib/consensus/bls/nobleBls.ts'
import { createBlsWarmUp } from '../../../../src/lib/consensus/bls/warmUpBls.ts'

describe.each([['noble', nobleBls], ['blst (native)', chainsafeBls]] as const)('createBlsWarmUp with %s', (_, bls) => {
  it('runs the whole signature path: its fixed signature verifies (a refusal would stop before the pairing)', () => {
    expect(createBlsWarmUp({ bls }).verify()).toBe(true)
  })

  it('reports a backend that refuses it (so the vector is checked, not assumed)', () => {
    const refusing: BlsBackend = { ...bls, verifyMultiple: () => false }
    expect(createBlsWarmUp({ bls: refusing }).verify()).toBe(false)
  })
})
