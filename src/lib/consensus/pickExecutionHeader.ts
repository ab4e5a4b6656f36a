import type { BlockSelector, VerifiedExecutionHeader } from '../execution/types.ts'
import { HeaderNotAvailableError } from './errors.ts'
import type { ConsensusHeader } from './toConsensusHeader.ts'

export type PickExecutionHeaderParameters = { finalized: ConsensusHeader | undefined; optimistic: ConsensusHeader | undefined; block: BlockSelector }

/**
 * The verified execution header a block selector names: 'latest' is the optimistic head,
 * 'finalized' the finalized one, a number either of them. HeaderNotAvailableError otherwise.
 */
export function pickExecutionHeader({ finalized, optimistic, block }: PickExecutionHeaderParameters): VerifiedExecutionHeader {
  if (!finalized || !optimistic) throw new HeaderNotAvailableError({ reason: 'the light client has not verified any header yet' })
  const pick = block === 'latest' ? optimistic : block === 'finalized' ? finalized
    : [optimistic, finalized].find((h) => h.execution?.number === block)
  if (!pick) throw new HeaderNotAvailableError({ reason: `block ${block} is neither the verified head (${optimistic.execution?.number}) nor the finalized block (${finalized.execution?.number})` })
  if (!pick.execution) throw new HeaderNotAvailableError({ reason: `the header at slot ${pick.slot} carries no execution payload (before Capella)` })
  return pick.execution
}
