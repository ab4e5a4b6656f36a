import type { altair } from '@lodestar/types'
import type { BlsBackend } from './bls/BlsBackend.ts'
import { InvalidSyncCommitteeError } from './errors.ts'
import { syncCommitteeRootHex } from './spec/syncCommitteeRoot.ts'
import { validateSyncCommittee } from './spec/validateSyncCommittee.ts'

/** Roots of committees whose 512 keys were all checked, shared by every client of the process (the result depends only on the bytes). */
const validRoots = new Set<string>()

export type SyncCommitteeValidatorParameters = {
  bls: BlsBackend
  /** Lets other work run between chunks of keys (idle time in a worker). */
  pause?: () => Promise<void>
}

/**
 * Remembers every committee the client relied on without having checked all its keys, and
 * checks them later (validateSyncCommittee), once per committee root. A committee that fails
 * is reported with the endpoint that served it.
 */
export class SyncCommitteeValidator {
  #bls: BlsBackend
  #pause: (() => Promise<void>) | undefined
  #pending = new Map<string, { committee: altair.SyncCommittee; endpoint: string | undefined }>()
  /**
   * Committees noted and not hashed yet: a committee's root (1,023 SHA-256, 50-120 ms for the two
   * of a resumed store in a worker's first run) is computed when the pending list is read, after
   * the round's heads are applied, not while they wait. Nothing is validated later for it: the
   * pending list is read (and validated) exactly when it was before.
   */
  #unhashed = new Map<altair.SyncCommittee, string | undefined>()

  constructor({ bls, pause }: SyncCommitteeValidatorParameters) {
    this.#bls = bls
    this.#pause = pause
  }

  rootOf(committee: altair.SyncCommittee): string {
    return syncCommitteeRootHex(committee)
  }

  isValidated(committee: altair.SyncCommittee): boolean {
    return validRoots.has(this.rootOf(committee))
  }

  /** Roots known valid from an earlier run (the saved state is local, hence trusted). */
  markValidated(roots: readonly string[]): void {
    for (const root of roots) validRoots.add(root.toLowerCase())
  }

  /** The client relies on this committee (it holds it, or checked a signature with it). */
  note(committee: altair.SyncCommittee, endpoint?: string): void {
    if (this.#unhashed.get(committee) === undefined) this.#unhashed.set(committee, endpoint)
  }

  /** The noted committees, by root (those known valid by then dropped). */
  #hashNoted(): void {
    for (const [committee, endpoint] of this.#unhashed) {
      const root = this.rootOf(committee)
      if (validRoots.has(root)) continue
      const known = this.#pending.get(root)
      if (!known) this.#pending.set(root, { committee, endpoint })
      else known.endpoint ??= endpoint
    }
    this.#unhashed.clear()
  }

  endpointOf(root: string): string | undefined {
    this.#hashNoted()
    return this.#pending.get(root)?.endpoint
  }

  get hasPending(): boolean {
    this.#hashNoted()
    return this.#pending.size > 0
  }

  /** Checks every pending committee; throws InvalidSyncCommitteeError (endpoint filled in) at the first bad one. */
  async validatePending(): Promise<void> {
    this.#hashNoted()
    for (const [root, { committee, endpoint }] of this.#pending) {
      try {
        await validateSyncCommittee({ bls: this.#bls, committee, committeeRoot: root, pause: this.#pause })
      } catch (error) {
        if (error instanceof InvalidSyncCommitteeError) error.endpoint ??= endpoint
        throw error
      }
      validRoots.add(root)
      this.#pending.delete(root)
      this.#hashNoted() // noted meanwhile (during a pause): validated in this same pass, as before
    }
  }
}
