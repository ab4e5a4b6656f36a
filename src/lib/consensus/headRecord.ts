import type { LightClientUpdate } from '@lodestar/types'
import type { ConsensusHeader } from './toConsensusHeader.ts'

/**
 * How the light client came to trust one execution block: the update that carried it (signed as
 * the attested header, or proven by its finality branch), who signed, and the finalized header
 * the store stood on then. `update` is undefined for the checkpoint's own header.
 */
export type HeadRecord = {
  update: LightClientUpdate | undefined
  /** 'attested': signed by the committee; 'finalized': under a signed header by the finality branch; 'checkpoint': the trusted root's own. */
  via: 'attested' | 'finalized' | 'checkpoint'
  header: ConsensusHeader
  participants: number | undefined
  signatureSlot: number | undefined
  finalized: ConsensusHeader
  /** The trusted root the verified chain started from. */
  anchorRoot: `0x${string}` | undefined
}

/** What the page is told about a head (no SSZ objects: it crosses the worker boundary as plain data). */
export type HeadEvidence = Omit<HeadRecord, 'update'>

/** How many heads are remembered (a minute or so of mainnet heads and their finality). */
export const MAX_HEAD_RECORDS = 64
