import { expect, it } from 'vitest'
import { nobleBls } from '../../../src/lib/consensus/bls/nobleBls.ts'
import { syncCommitteeRoot } from '../../../src/lib/consensus/spec/syncCommitteeRoot.ts'
import { SyncCommittee } from '../../../src/lib/consensus/lightClientSsz.ts'
import { warmUpSyncCore } from '../../../src/lib/consensus/warmUpSyncCore.ts'

it('runs the BLS path to a verified signature and leaves no committee root behind', () => {
  const committee = SyncCommittee.defaultValue()
  expect(warmUpSyncCore({ bls: nobleBls })).toBe(true)
  // Its own all-zero committee is a fresh object: a real committee's cached root is computed from its own bytes.
  expect(syncCommitteeRoot(committee)).toEqual(SyncCommittee.hashTreeRoot(committee))
})
