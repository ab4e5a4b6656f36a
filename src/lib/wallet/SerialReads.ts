/**
 * Per-head reads of one kind (the ETH balance, the token balances) run one at a time: asked again
 * while one is in flight, the read runs once more when it ends (so the newest head is never lost and
 * two reads never race to write the screen). A new generation (another account or network) does not
 * wait for an old one's read, and an old read's answer is recognised as old (`isCurrent`).
 */
export class SerialReads {
  #generation = 0
  #inFlight: number | undefined
  #again = false
  #rerun: () => void

  /** `rerun`: what asks again (the owner's refresh, which also follows account and network). */
  constructor(rerun: () => void) {
    this.#rerun = rerun
  }

  get generation() { return this.#generation }

  /** Another account or network: earlier reads are old from now on. */
  next(): number {
    return ++this.#generation
  }

  isCurrent(generation: number): boolean {
    return generation === this.#generation
  }

  /** False (and a rerun noted) when this generation's read is in flight; otherwise marks it in flight. */
  begin(): number | undefined {
    if (this.#inFlight === this.#generation) {
      this.#again = true
      return undefined
    }
    this.#inFlight = this.#generation
    return this.#generation
  }

  /** The read of `generation` ended (however it ended): rerun once if it was asked for meanwhile. */
  end(generation: number): void {
    if (this.#inFlight === generation) this.#inFlight = undefined
    if (this.#again && generation === this.#generation) {
      this.#again = false
      this.#rerun()
    }
  }
}
