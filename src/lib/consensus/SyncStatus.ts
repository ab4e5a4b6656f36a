import type { BaseError } from '../errors.ts'
import type { LightClientEvent, LightClientState, LightClientStatus } from './LightClientState.ts'

/** The parts of the state the store, the clock and the endpoints decide (the rest is kept here). */
export type SyncStatusView = Pick<LightClientState, 'finalized' | 'optimistic' | 'syncPeriod' | 'currentSlot' | 'secondsPerSlot' | 'endpoints'> & { nowMs: number }

/**
 * The light client's status machine and its listeners: what it is doing and why, where its
 * trust came from, the last update's signers and time. `read` is the whole state as the light
 * client sees it now (sent to listeners on every change).
 */
export class SyncStatus {
  #status: LightClientStatus = 'bootstrapping'
  #error: BaseError | undefined
  #checkpoint: LightClientState['checkpoint']
  #participation: LightClientState['participation']
  #committeeProgress: LightClientState['committeeProgress']
  #lastUpdateAtMs: number | undefined
  #listeners = new Set<(event: LightClientEvent) => void>()
  #read: () => LightClientState

  constructor({ read }: { read: () => LightClientState }) {
    this.#read = read
  }

  get status(): LightClientStatus {
    return this.#status
  }

  /** The state from this and the light client's `view` of its store, clock and endpoints. */
  toState({ nowMs, ...view }: SyncStatusView): LightClientState {
    return {
      status: this.#status,
      reason: this.#error?.shortMessage,
      error: this.#error,
      checkpoint: this.#checkpoint,
      finalized: view.finalized,
      optimistic: view.optimistic,
      syncPeriod: view.syncPeriod,
      committeeProgress: this.#committeeProgress,
      participation: this.#participation,
      lastUpdateAtMs: this.#lastUpdateAtMs,
      msSinceLastUpdate: this.#lastUpdateAtMs === undefined ? undefined : nowMs - this.#lastUpdateAtMs,
      currentSlot: view.currentSlot,
      secondsPerSlot: view.secondsPerSlot,
      endpoints: view.endpoints,
    }
  }

  subscribe(listener: (event: LightClientEvent) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** A status and the typed error behind it (its short message is the reason). */
  set(status: LightClientStatus, error?: BaseError): void {
    this.#status = status
    this.#error = error
    this.emitState()
  }

  setCheckpoint(checkpoint: LightClientState['checkpoint']): void {
    this.#checkpoint = checkpoint
  }

  setParticipation(participation: LightClientState['participation']): void {
    this.#participation = participation
  }

  /** Hand-overs done in this round, reported as they come (a long catch-up is visibly moving); undefined when done. */
  setCommitteeProgress(progress: LightClientState['committeeProgress']): void {
    if (progress === undefined && this.#committeeProgress === undefined) return
    this.#committeeProgress = progress
    this.emitState()
  }

  /** A verified update moved a head at `nowMs`. */
  noteUpdate(nowMs: number): void {
    this.#lastUpdateAtMs = nowMs
  }

  /** Tells listeners the heads moved (after the state that moved them is set). */
  emitHead(): void {
    const { finalized, optimistic } = this.#read()
    for (const listener of this.#listeners) listener({ type: 'head', finalized: finalized!, optimistic: optimistic! })
  }

  emitState(): void {
    if (this.#listeners.size === 0) return
    const state = this.#read()
    for (const listener of this.#listeners) listener({ type: 'state', state })
  }
}
