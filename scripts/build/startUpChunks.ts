import { resolve } from 'node:path'

type ModuleInfo = { importedIds: readonly string[]; dynamicallyImportedIds?: readonly string[] }
export type ChunkingContext = { getModuleInfo(id: string): ModuleInfo | null }
export type StartUpChunkGroup = { debugName: string; priority: number; name: (moduleId: string, ctx: ChunkingContext) => string | null }

/** The page's entry, its engine chunk's module and the workers' entries (featureChunks.ts uses them too). */
export const entry = resolve(import.meta.dirname, '../../src/main.ts')
export const engine = resolve(import.meta.dirname, '../../src/ui/engine/createChainEngine.ts')
export const worker = resolve(import.meta.dirname, '../../src/ui/engine/lightClient.worker.ts')
export const keystoreWorker = resolve(import.meta.dirname, '../../src/ui/keys/keystoreKdf.worker.ts')
/** The service worker, an entry of the page's build too (scripts/build/serviceWorkerBuild.ts). */
export const serviceWorkerModule = resolve(import.meta.dirname, '../../src/sw/serviceWorker.ts')

// A package's index re-exports all of it, and the module graph's import lists ignore what is
// used: through viem's `actions/index.js` the engine would "import" every action (with the signing,
// ENS and EIP-712 code only lazy screens use), and a group takes what it captures into its chunk.
// So a closure does not go through a package's index: what is used through one is left to
// Rolldown's own chunking.
const packageIndex = /\/node_modules\/.+\/index\.js$/
/** A stylesheet module: never put in a JavaScript group. */
export const style = /\.css($|\?)|[?&]type=style/

function staticClosure(from: string, ctx: ChunkingContext): Set<string> {
  const seen = new Set<string>()
  const stack = [from]
  while (stack.length > 0) {
    const id = stack.pop()!
    if (seen.has(id) || (id !== from && packageIndex.test(id))) continue
    seen.add(id)
    stack.push(...(ctx.getModuleInfo(id)?.importedIds ?? []))
  }
  return seen
}

/**
 * Everything a module imports, through package indexes too (and its lazy imports, with `lazy`). For the
 * workers (scripts/build/workerEntries.ts builds them in the page's build): a module of one
 * captured in a page group would make the worker import that group's chunk, and run the page's
 * code (Svelte, `document`) in the worker. A group also takes the dependencies of what it
 * captures, so what the worker shares with the page is found through package indexes too.
 */
export function fullClosure(from: string, ctx: ChunkingContext, { lazy }: { lazy: boolean }): Set<string> {
  const seen = new Set<string>()
  if (!ctx.getModuleInfo(from)) return seen
  const stack = [from]
  while (stack.length > 0) {
    const id = stack.pop()!
    if (seen.has(id)) continue
    seen.add(id)
    const info = ctx.getModuleInfo(id)
    stack.push(...(info?.importedIds ?? []), ...(lazy ? (info?.dynamicallyImportedIds ?? []) : []))
  }
  return seen
}

/**
 * Two code-splitting groups (Rolldown's `output.codeSplitting.groups`): what the first paint
 * loads (main.ts's static imports) in one chunk, and the page's engine chunk (createChainEngine
 * and what it imports that the first paint does not: viem's client, the verified transport, the
 * proof verifiers) in another. Left to itself Rolldown split them into 44 and 36 files, one for
 * each set of lazy chunks sharing a few modules: every file is one more request at every start
 * (one more service-worker fetch on a controlled page), and many small files compress worse.
 * Both load at every start, so a lazy screen that shares their modules loses nothing. The first
 * paint's group has the priority: a module both use stays in the first paint, so the engine stays
 * out of it (tests/build/firstPaint.test.ts).
 *
 * What the light-client worker also uses is in two chunks of its own, one for what the first
 * paint shares with it and one for what the engine shares with it (the workers and the page are one
 * build, workerEntries.ts): the worker imports those, never the page's chunks. The keystore's KDF
 * worker is kept out of the page's chunks the same way: what the first paint or the engine share
 * with it goes to those two chunks too (a few hashes and error classes), the rest is Rolldown's.
 *
 * What the service worker shares with the first paint, the engine or the workers (multiformats'
 * CID and bases, the IPFS parsers and errors) is in one chunk of its own, first: the service
 * worker imports it and none of the page's or the light-client worker's chunks, so it does not
 * evaluate their code at each of its starts (a warm start waits for it). What it shares only with
 * lazy screens (the release inspector's readers) is left to Rolldown, one chunk per set of users.
 */
export function startUpChunks(): StartUpChunkGroup[] {
  type Sets = { firstPaint: Set<string>; engine: Set<string>; paintAndWorker: Set<string>; engineAndWorker: Set<string>; serviceWorker: Set<string> }
  let sets: Sets | undefined
  const of = (ctx: ChunkingContext): Sets => {
    if (sets) return sets
    // Another page built with this config (the bench page) has neither: no groups then.
    if (!ctx.getModuleInfo(engine) || !ctx.getModuleInfo(entry)) return (sets = { firstPaint: new Set(), engine: new Set(), paintAndWorker: new Set(), engineAndWorker: new Set(), serviceWorker: new Set() })
    const inServiceWorker = fullClosure(serviceWorkerModule, ctx, { lazy: false })
    const workers = new Set([worker, keystoreWorker].flatMap((w) => [...fullClosure(w, ctx, { lazy: true })]))
    const started = new Set([...fullClosure(entry, ctx, { lazy: false }), ...fullClosure(engine, ctx, { lazy: false })])
    const serviceWorker = new Set([...inServiceWorker].filter((id) => started.has(id) && !workers.has(id)))
    const inWorker = workers
    const paint = new Set([...staticClosure(entry, ctx)].filter((id) => !serviceWorker.has(id)))
    const enginesOwn = [...staticClosure(engine, ctx)].filter((id) => !paint.has(id) && !serviceWorker.has(id))
    const paintAndWorker = new Set([...fullClosure(entry, ctx, { lazy: false })].filter((id) => inWorker.has(id)))
    return (sets = {
      firstPaint: new Set([...paint].filter((id) => !inWorker.has(id))),
      engine: new Set(enginesOwn.filter((id) => !inWorker.has(id))),
      paintAndWorker,
      engineAndWorker: new Set([...fullClosure(engine, ctx, { lazy: false })].filter((id) => inWorker.has(id) && !paintAndWorker.has(id))),
      serviceWorker,
    })
  }
  return [
    { debugName: 'first paint and worker', priority: 5, name: (id, ctx) => (!style.test(id) && of(ctx).paintAndWorker.has(id) ? 'sharedWithWorker' : null) },
    { debugName: 'page engine and worker', priority: 4, name: (id, ctx) => (!style.test(id) && of(ctx).engineAndWorker.has(id) ? 'engineWithWorker' : null) },
    { debugName: 'service worker and the page', priority: 3, name: (id, ctx) => (!style.test(id) && of(ctx).serviceWorker.has(id) ? 'sharedWithServiceWorker' : null) },
    { debugName: 'first paint', priority: 2, name: (id, ctx) => (!style.test(id) && of(ctx).firstPaint.has(id) ? 'index' : null) },
    { debugName: 'page engine', priority: 1, name: (id, ctx) => (!style.test(id) && of(ctx).engine.has(id) ? 'createChainEngine' : null) },
  ]
}
