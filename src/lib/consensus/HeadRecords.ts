import type { LightClientUpdate } from '@lodestar/types'
import { type HeadEvidence, type HeadRecord, MAX_HEAD_RECORDS } from './headRecord.ts'
import type { Hex } from './networks.ts'
import type { LightClientStore } from './spec/LightClientStore.ts'
import { countParticipants } from './spec/updatePredicates.ts'
import { toConsensusHeader } from './toConsensusHeader.ts'

/**
 * How each recent execution block came to be trusted, by block hash (for "what was checked" and
 * proof bundles): the last MAX_HEAD_RECORDS heads, oldest dropped first.
 */
export class HeadRecords {
  #heads = new Map<string, HeadRecord>()

  /** `update` undefined: the checkpoint's own header. Headers without an execution payload are not recorded. */
  record({ update, via, header, core, anchorRoot }: {
    update: LightClientUpdate | undefined; via: HeadRecord['via']; header: LightClientUpdate['attestedHeader']; core: LightClientStore; anchorRoot: Hex | undefined
  }): void {
    const consensus = toConsensusHeader(header)
    if (!consensus.execution) return
    const key = consensus.execution.blockHash.toLowerCase()
    this.#heads.delete(key)
    this.#heads.set(key, {
      update, via, header: consensus,
      participants: update && countParticipants(update),
      signatureSlot: update?.signatureSlot,
      finalized: toConsensusHeader(core.finalizedHeader),
      anchorRoot,
    })
    if (this.#heads.size > MAX_HEAD_RECORDS) this.#heads.delete(this.#heads.keys().next().value!)
  }

  get(blockHash: string): HeadRecord | undefined {
    return this.#heads.get(blockHash.toLowerCase())
  }

  /** The record as plain data (no SSZ update: it crosses the worker boundary). */
  evidence(blockHash: string): HeadEvidence | undefined {
    const record = this.get(blockHash)
    if (!record) return undefined
    const { update: _update, ...evidence } = record
    return evidence
  }
}
