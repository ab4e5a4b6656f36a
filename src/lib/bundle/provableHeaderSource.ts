import { HeaderNotAvailableError } from '../consensus/errors.ts'
import type { VerifiedHeaderSource } from '../execution/types.ts'

/**
 * The light client's headers, less those it cannot prove in a bundle: a read that will be bundled
 * must rest on a head whose light-client update the client kept (a finalized header restored from
 * a saved state, say, is trusted but has no update to put in a bundle). Refused heads make the
 * header resolver walk from the next one (the finalized header's refusal sends it to the latest).
 */
export function provableHeaderSource({ headers, isProvable }: { headers: VerifiedHeaderSource; isProvable: (blockHash: string) => boolean }): VerifiedHeaderSource {
  return {
    async getExecutionHeader(block) {
      const header = await headers.getExecutionHeader(block)
      if (!isProvable(header.blockHash)) throw new HeaderNotAvailableError({ reason: `block ${header.blockHash} is trusted, but this light client kept no update to prove it with in a bundle` })
      return header
    },
  }
}
