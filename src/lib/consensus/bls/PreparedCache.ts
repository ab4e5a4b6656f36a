/**
 * Work done ahead by a backend's `prepare`, by the hex of the bytes it is a pure function of, taken
 * (once) by the check that needs it: a result taken is the result recomputed. Only `prepare` fills
 * it, so a check that was not prepared (a bench repeating one verify) computes everything itself.
 *
 * A key taken stays `prepared` for a while: a finality and an optimistic update over one head carry
 * the same message and signature, and when the second arrives after the first was checked (a warm
 * start's usual order), preparing it again is 15-45 ms of hash_to_curve and decoding on the path to
 * the head that no check asks for (its check is answered by spec/verifiedSignatures.ts: the same
 * bytes, already verified). A check that does ask for it computes it itself, as an unprepared
 * check does.
 */
export class PreparedCache<V> {
  #values = new Map<string, V>()
  #taken = new Set<string>()
  /** A round prepares a handful (a finality and an optimistic update); more than this are dropped, oldest first. */
  static readonly SIZE = 16
  put(key: string, value: V): void {
    this.#taken.delete(key)
    this.#values.set(key, value)
    if (this.#values.size > PreparedCache.SIZE) this.#values.delete(this.#values.keys().next().value!)
  }
  /** Held, or taken recently: preparing it again is not needed. */
  prepared(key: string): boolean {
    return this.#values.has(key) || this.#taken.has(key)
  }
  take(key: string): V | undefined {
    const value = this.#values.get(key)
    if (value === undefined) return undefined
    this.#values.delete(key)
    this.#taken.add(key)
    if (this.#taken.size > PreparedCache.SIZE) this.#taken.delete(this.#taken.values().next().value!)
    return value
  }
}
