import { describeClaim } from '../../lib/bundle/describeClaim.ts'
import type { VerifyProofBundleReturnType } from '../../lib/bundle/verifyProofBundleWith.ts'
import type { Hex } from '../../lib/execution/types.ts'
import { InvalidCheckpointError } from '../../lib/trust/errors.ts'
import { errorText } from '../display/errorText.ts'
import { type WithLightClientService, checkProofBundle, loadProofVerifier } from '../engine/checkProofBundle.ts'

/** The first check a bundle failed: its class (what the CLI names too) and the sentence explaining it. */
export type ProofCheckFailure = { name: string; text: string }

/**
 * "Verify a proof": one bundle file re-checked in the page, from the checkpoint the user trusts
 * (this app's own, or one pasted), with no network. Holds the last outcome: the verified value and
 * its block, or the first failing check. The light client is replayed by the light-client service
 * (`withService`: SyncState's, so a spare worker is shared with the connect review).
 */
export class ProofCheckState {
  #withService: WithLightClientService
  #checking = $state(false)
  #result = $state.raw<VerifyProofBundleReturnType | undefined>(undefined)
  #failure = $state.raw<ProofCheckFailure | undefined>(undefined)
  #fileName = $state<string | undefined>(undefined)
  #ready = $state(false)
  #checks = $state(0)

  constructor({ withService }: { withService: WithLightClientService }) {
    this.#withService = withService
  }

  get checking() { return this.#checking }
  get result() { return this.#result }
  /** The verified value in plain words (what `latchkey verify-bundle` prints first). */
  get claimText() { return this.#result && describeClaim(this.#result.claim) }
  get failure() { return this.#failure }
  get fileName() { return this.#fileName }
  /** The verifier is loaded: from now on a check needs no network at all (not even for code). */
  get ready() { return this.#ready }
  /** How many checks have finished (tells one outcome from the next for the same file). */
  get checks() { return this.#checks }

  /** Loads the verifier ahead of the first check (a user may go offline to check a bundle). */
  async prepare(): Promise<void> {
    await loadProofVerifier({ withService: this.#withService })
    this.#ready = true
  }

  async check({ file, checkpoint }: { file: File; checkpoint: string }): Promise<void> {
    this.#checking = true
    this.#result = this.#failure = undefined
    this.#fileName = file.name
    try {
      const root = checkpoint.trim().toLowerCase()
      if (root !== '' && !/^0x[0-9a-f]{64}$/.test(root)) throw new InvalidCheckpointError({ value: checkpoint.trim() })
      this.#result = await checkProofBundle({ text: await file.text(), checkpoint: root === '' ? undefined : (root as Hex), withService: this.#withService })
    } catch (error) {
      this.#failure = { name: (error as Error)?.name ?? 'Error', text: errorText(error) }
    } finally {
      this.#checks++
      this.#checking = false
    }
  }
}
