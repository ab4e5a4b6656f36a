import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Plugin } from 'vite'

/** `export { a, b as c } from './x.js'` lines of viem's ESM index: exported name -> [file, name there]. */
export function readViemIndex(indexFile: string): Map<string, { file: string; name: string }> {
  const map = new Map<string, { file: string; name: string }>()
  const code = readFileSync(indexFile, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '')
  for (const [, names, from] of code.matchAll(/export\s*\{([^}]*)\}\s*from\s*['"](\.[^'"]+)['"]/g)) {
    for (const part of names!.split(',')) {
      const spec = part.trim().replace(/^type\s+/, '')
      if (!spec || part.trim().startsWith('type ')) continue
      const [local, exported = local] = spec.split(/\s+as\s+/)
      map.set(exported!, { file: join(dirname(indexFile), from!), name: local! })
    }
  }
  return map
}

/** `code` with each `import { ... } from 'viem'` (or `specifier`) whose names `map` all knows split into imports of their files. */
export function rewriteViemImports(code: string, map: Map<string, { file: string; name: string }>, specifier = 'viem'): string {
  const pattern = new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*['"]${specifier.replace('/', '\\/')}['"];?`, 'g')
  return code.replace(pattern, (whole, names: string) => {
    const lines: string[] = []
    for (const spec of names.split(',').map((s) => s.trim()).filter(Boolean)) {
      if (spec.startsWith('type ')) continue
      const [imported, local = imported] = spec.split(/\s+as\s+/)
      const target = map.get(imported!)
      if (!target) return whole
      lines.push(`import { ${target.name} as ${local} } from ${JSON.stringify(target.file)};`)
    }
    return lines.join('\n')
  })
}

/**
 * The app's `import { x } from 'viem'` become imports of the one viem file that defines `x`.
 * Why: the index re-exports all of viem; once a first-paint module imports it, Rolldown counts every
 * viem module a lazy chunk uses as reachable from the entry too, and puts them all in one shared
 * chunk the first paint loads (77.8 kB gzip for a `formatUnits` and a `keccak256`). The index
 * only re-exports, so importing the defining file is the same binding. Names the index does not
 * re-export by name (and `import * as`) are left to the index. `viem/utils` the same way: its
 * index re-exports the CCIP-read module, which imports viem's `call` and its bytecodes, and a
 * import of `getCallError` from it brought those into the page's engine chunk.
 */
export function viemDirectImports(): Plugin {
  const require = createRequire(import.meta.url)
  const root = join(dirname(require.resolve('viem/package.json')), '_esm')
  let maps: { viem: Map<string, { file: string; name: string }>; utils: Map<string, { file: string; name: string }> } | undefined
  return {
    name: 'latchkey:viem-direct-imports',
    apply: 'build',
    transform: {
      filter: { id: { include: /\/src\/.*\.(ts|svelte)(\?.*)?$/, exclude: /node_modules/ } },
      handler(code) {
        if (!code.includes('viem')) return null
        maps ??= { viem: readViemIndex(join(root, 'index.js')), utils: readViemIndex(join(root, 'utils/index.js')) }
        const out = rewriteViemImports(rewriteViemImports(code, maps.viem), maps.utils, 'viem/utils')
        return out === code ? null : { code: out, map: null }
      },
    },
  }
}
