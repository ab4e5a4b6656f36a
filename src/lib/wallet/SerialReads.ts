/** One read, as `SerialReads.begin` started it: its generation, the head it reads at, its start order. */
export type ReadTicket = { readonly generation: number; readonly head: bigint; readonly order: number }

/**
 * Per-head reads of one kind (the ETH balance, the token balances). A read asked for at a newer
 * head starts at once (on a warm start the synced head's read does not wait for the read at the
 * head before the sync), and supersedes the ones before it: their answers may still be shown
 * while nothing newer has been, never after (`show`), so the screen only moves forward. At most one
 * superseding read is in flight: asked again meanwhile (a newer head, or the same head), the read
 * runs once more when the newest ends (so the newest head is never lost, and heads arriving faster
 * than reads finish do not pile reads up). A new generation (another account or network) does not
 * wait for an old one's reads, and an old read's answer is recognised as old (`isCurrent`).
 */
export class SerialReads {
  #generation = 0
  #order = 0
  /** This generation's reads in flight, oldest first (at most two: one superseded, one newest). */
  #inFlight: ReadTicket[] = []
  /** Per shown thing (a token, or '' for a single value): the start order of the read shown there. */
  #shown = new Map<string, number>()
  #again = false
  #rerun: () => void

  /** `rerun`: what asks again (the owner's refresh, which also follows account and network). */
  constructor(rerun: () => void) {
    this.#rerun = rerun
  }

  get generation() { return this.#generation }

  /** Another account or network: earlier reads are old from now on. */
  next(): number {
    this.#inFlight = []
    this.#shown.clear()
    this.#again = false
    return ++this.#generation
  }

  isCurrent(generation: number): boolean {
    return generation === this.#generation
  }

  /**
   * Starts a read at `head` and returns its ticket, unless it is to wait: when the newest read in
   * flight is at this head or a newer one, or already supersedes another, a rerun is noted instead
   * (undefined).
   */
  begin(head: bigint): ReadTicket | undefined {
    const newest = this.#inFlight.at(-1)
    if (newest && (head <= newest.head || this.#inFlight.length > 1)) {
      this.#again = true
      return undefined
    }
    const ticket = { generation: this.#generation, head, order: ++this.#order }
    this.#inFlight.push(ticket)
    return ticket
  }

  /** No read of this generation started after this one (a superseded read's failure is not worth showing). */
  isNewest(ticket: ReadTicket): boolean {
    return this.isCurrent(ticket.generation) && ticket.order === this.#order
  }

  /**
   * Whether this read's answer for `key` may go on screen (and if so, it is recorded as shown
   * there): its generation is current and no read started after it has shown an answer for `key`.
   */
  show(ticket: ReadTicket, key = ''): boolean {
    if (!this.isCurrent(ticket.generation)) return false
    if ((this.#shown.get(key) ?? 0) > ticket.order) return false
    this.#shown.set(key, ticket.order)
    return true
  }

  /** The read ended (however it ended): when it was the newest, rerun once if asked for meanwhile. */
  end(ticket: ReadTicket): void {
    if (!this.isCurrent(ticket.generation)) return
    const wasNewest = this.#inFlight.at(-1) === ticket
    this.#inFlight = this.#inFlight.filter((t) => t !== ticket)
    if (wasNewest && this.#again) {
      this.#again = false
      this.#rerun()
    }
  }
}
