/**
 * Every chunk `from` imports, directly or through one another (not `from` itself), in the order
 * first reached. `chunks` is a bundle or Rolldown's render-time chunk map, keyed by file name.
 */
export function chunkImportClosure(chunks: Record<string, unknown>, from: string): string[] {
  const importsOf = (file: string) => (chunks[file] as { imports?: readonly string[] } | undefined)?.imports ?? []
  const closure = new Set<string>()
  const visit = (file: string) => {
    for (const next of importsOf(file)) {
      if (closure.has(next)) continue
      closure.add(next)
      visit(next)
    }
  }
  visit(from)
  return [...closure]
}
