import { expect, it } from 'vitest'
import { nobleBls } from '../../../src/lib/consensus/bls/nobleBls.ts'
import { syncCommitteeRoot } from '../../../src/lib/consensus/spec/syncCommitteeRoot.ts'
import { SyncCommittee } from '../../../src/lib/consensus/lightClientSsz.ts'
import { createSyncCoreWarmUp } from '../../../src/lib/consensus/warmUpSyncCore.ts'

it('runs in steps to a verified signature and leaves no committee root behind', () => {
  const committee = SyncCommittee.defaultValue()
  const steps = createSyncCoreWarmUp({ bls: nobleBls })
  expect(steps).toHaveLength(3)
  const results = steps.map((step) => step())
  expect(results.at(-1)).toBe(true)
  // Its own all-zero committee is a fresh object: a real committee's cached root is computed from its own bytes.
  expect(syncCommitteeRoot(committee)).toEqual(SyncCommittee.hashTreeRoot(committee))
})
