import { loadChainEngine } from './loadChainEngine.ts'

// Imported first by main.ts: the engine chunk is requested as soon as the page's first modules
// run, before the rest of the entry evaluates and the App mounts (not from the App's onMount), and
// it stays a lazy chunk (no first-paint bytes). A failure is reported by the light client's start.
loadChainEngine().catch(() => {})
