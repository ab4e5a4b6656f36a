import { describe, expect, it } from 'vitest'
import { hoistTransitiveImports } from '../../../scripts/build/hoistTransitiveImports.ts'

type Chunk = { fileName: string; isEntry: boolean; imports: string[] }
const render = (code: string, chunk: Chunk, chunks: Record<string, Chunk>, format = 'es') => {
  const hook = hoistTransitiveImports().renderChunk as (code: string, chunk: Chunk, options: { format: string }, meta: { chunks: Record<string, Chunk> }) => { code: string } | null
  return hook(code, chunk, { format }, { chunks })
}

describe('hoistTransitiveImports', () => {
  const entry: Chunk = { fileName: 'assets/worker-W.js', isEntry: true, imports: ['assets/shared-S.js', 'assets/bls-B.js'] }
  const chunks: Record<string, Chunk> = {
    [entry.fileName]: entry,
    'assets/shared-S.js': { fileName: 'assets/shared-S.js', isEntry: false, imports: [] },
    'assets/bls-B.js': { fileName: 'assets/bls-B.js', isEntry: false, imports: ['assets/tower-T.js', 'assets/shared-S.js'] },
    'assets/tower-T.js': { fileName: 'assets/tower-T.js', isEntry: false, imports: ['assets/fields-F.js'] },
    'assets/fields-F.js': { fileName: 'assets/fields-F.js', isEntry: false, imports: ['assets/tower-T.js'] },
  }

  it("appends, after the entry's own imports, every chunk they lead to that the entry does not import", () => {
    const code = 'import{a}from"./shared-S.js";import{b}from"./bls-B.js";a(b)'
    expect(render(code, entry, chunks)?.code).toBe(`${code}\nimport "./tower-T.js";\nimport "./fields-F.js";\n`)
  })

  it('leaves alone an entry that already imports its whole graph, a chunk that is not an entry, and other formats', () => {
    const flat: Chunk = { fileName: 'index-I.js', isEntry: true, imports: ['assets/shared-S.js'] }
    expect(render('x', flat, { ...chunks, [flat.fileName]: flat })).toBeNull()
    expect(render('x', chunks['assets/bls-B.js']!, chunks)).toBeNull()
    expect(render('x', entry, chunks, 'cjs')).toBeNull()
  })

  it('names a chunk in another directory by its path from the entry', () => {
    const root: Chunk = { fileName: 'sw.js', isEntry: true, imports: ['assets/bls-B.js'] }
    expect(render('x', root, { ...chunks, [root.fileName]: root })?.code).toContain('import "./assets/tower-T.js";')
  })
})
