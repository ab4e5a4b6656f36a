import type { altair } from '@lodestar/types'
import { bytesToHex } from 'viem'
import type { BlsBackend } from './bls/BlsBackend.ts'
import { InvalidSyncCommitteeError } from './errors.ts'
import { syncCommitteeRoot } from './spec/syncCommitteeRoot.ts'
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
  #roots = new WeakMap<altair.SyncCommittee, string>()
  #pending = new Map<string, { committee: altair.SyncCommittee; endpoint: string | undefined }>()

  constructor({ bls, pause }: SyncCommitteeValidatorParameters) {
    this.#bls = bls
    this.#pause = pause
  }

  rootOf(committee: altair.SyncCommittee): string {
    let root = this.#roots.get(committee)
    if (!root) this.#roots.set(committee, (root = bytesToHex(syncCommitteeRoot(committee))))
    return root
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
    const root = this.rootOf(committee)
    if (validRoots.has(root)) return
    const known = this.#pending.get(root)
    if (!known) this.#pending.set(root, { committee, endpoint })
    else known.endpoint ??= endpoint
  }

  endpointOf(root: string): string | undefined {
    return this.#pending.get(root)?.endpoint
  }

  get hasPending(): boolean {
    return this.#pending.size > 0
  }

  /** Checks every pending committee; throws InvalidSyncCommitteeError (endpoint filled in) at the first bad one. */
  async validatePending(): Promise<void> {
    for (const [root, { committee, endpoint }] of this.#pending) {
      try {
        await validateSyncCommittee({ bls: this.#bls, committee, committeeRoot: root, pause: this.#pause })
      } catch (error) {
        if (error instanceof InvalidSyncCommitteeError) error.endpoint ??= endpoint
        throw error
      }
      validRoots.add(root)
      this.#pending.delete(root)
    }
  }
}
