/** Hash routing (`#/send?asset=ETH`): works at any base path, on any gateway, with relative URLs only. */
export class Router {
  #path = $state('/')
  #query = $state(new URLSearchParams())

  constructor() {
    this.#read()
    globalThis.addEventListener?.('hashchange', () => this.#read())
  }

  get path(): string {
    return this.#path
  }

  get query(): URLSearchParams {
    return this.#query
  }

  go(path: string, query?: Record<string, string>): void {
    const search = query ? `?${new URLSearchParams(query)}` : ''
    const next = `#${path}${search}`
    if (location.hash === next) return
    location.hash = next
  }

  /** Replaces the current entry (used after `#/connect` so Back does not re-run it). */
  replace(path: string): void {
    history.replaceState(history.state, '', `#${path}`)
    this.#read()
  }

  #read(): void {
    const hash = location.hash.replace(/^#/, '') || '/'
    const [path, search = ''] = hash.split('?', 2)
    this.#path = path.startsWith('/') ? path : `/${path}`
    this.#query = new URLSearchParams(search)
  }
}
