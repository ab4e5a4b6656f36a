import { resolve } from 'node:path'

type ModuleInfo = { importedIds: readonly string[] }
type ChunkingContext = { getModuleInfo(id: string): ModuleInfo | null }
export type StartUpChunkGroup = { debugName: string; priority: number; name: (moduleId: string, ctx: ChunkingContext) => string | null }

const entry = resolve(import.meta.dirname, '../../src/main.ts')
const engine = resolve(import.meta.dirname, '../../src/ui/engine/createChainEngine.ts')

// A package's index re-exports all of it, and the module graph's import lists ignore what is
// used: through viem's `actions/index.js` the engine would "import" every action (with the signing,
// ENS and EIP-712 code only lazy screens use), and a group takes what it captures into its chunk.
// So a closure does not go through a package's index: what is used through one is left to
// Rolldown's own chunking.
const packageIndex = /\/node_modules\/.+\/index\.js$/
const style = /\.css($|\?)|[?&]type=style/

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
 * Two code-splitting groups (Rolldown's `output.codeSplitting.groups`): what the first paint
 * loads (main.ts's static imports) in one chunk, and the page's engine chunk (createChainEngine
 * and what it imports that the first paint does not: viem's client, the verified transport, the
 * proof verifiers) in another. Left to itself Rolldown split them into 44 and 36 files, one for
 * each set of lazy chunks sharing a few modules: every file is one more request at every start
 * (one more service-worker fetch on a controlled page), and many small files compress worse.
 * Both load at every start, so a lazy screen that shares their modules loses nothing. The first
 * paint's group has the priority: a module both use stays in the first paint, so the engine stays
 * out of it (tests/build/firstPaint.test.ts).
 */
export function startUpChunks(): StartUpChunkGroup[] {
  let sets: { firstPaint: Set<string>; engine: Set<string> } | undefined
  const of = (ctx: ChunkingContext) => {
    if (sets) return sets
    // Another page built with this config (the bench page) has neither: no groups then.
    if (!ctx.getModuleInfo(engine) || !ctx.getModuleInfo(entry)) return (sets = { firstPaint: new Set(), engine: new Set() })
    const firstPaint = staticClosure(entry, ctx)
    return (sets = { firstPaint, engine: new Set([...staticClosure(engine, ctx)].filter((id) => !firstPaint.has(id))) })
  }
  return [
    { debugName: 'first paint', priority: 2, name: (id, ctx) => (!style.test(id) && of(ctx).firstPaint.has(id) ? 'index' : null) },
    { debugName: 'page engine', priority: 1, name: (id, ctx) => (!style.test(id) && of(ctx).engine.has(id) ? 'createChainEngine' : null) },
  ]
}
