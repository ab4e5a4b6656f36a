import { expect, it } from 'vitest'
import type { HeadEvidence } from '../../../src/lib/consensus/headRecord.ts'
import type { ConsensusHeader } from '../../../src/lib/consensus/toConsensusHeader.ts'
import { headEvidenceOf } from '../../../src/ui/engine/lightClientProtocol.ts'

const header = (blockHash: string | undefined): ConsensusHeader =>
  ({ slot: 1, beaconRoot: '0x01', stateRoot: '0x02', execution: blockHash ? { number: 1n, blockHash } : undefined }) as never

it('sends the record of each head the light client has one for, by lower-case block hash', () => {
  const record = { via: 'attested' } as HeadEvidence
  const asked: string[] = []
  const client = { headEvidence: (hash: string) => (asked.push(hash), hash === '0xaa' ? record : undefined) }
  const held = headEvidenceOf({ client, heads: [header('0xAA'), header('0xbb'), header(undefined), undefined] })
  expect(held).toEqual({ '0xaa': record })
  expect(asked).toEqual(['0xaa', '0xbb']) // a head without an execution payload has no record to send
})
