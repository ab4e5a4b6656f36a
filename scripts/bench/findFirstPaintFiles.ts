import { posix } from 'node:path'

/** The files index.html loads by itself: module scripts, module preloads and stylesheets. */
export function parseIndexHtml(html: string): { scripts: string[]; preloads: string[]; styles: string[] } {
  const attr = (tag: string, name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1]
  const scripts: string[] = []
  const preloads: string[] = []
  const styles: string[] = []
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attr(tag, 'src')
    if (src) scripts.push(src)
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attr(tag, 'rel')?.toLowerCase()
    const href = attr(tag, 'href')
    if (!href) continue
    if (rel === 'modulepreload') preloads.push(href)
    else if (rel === 'stylesheet') styles.push(href)
  }
  return { scripts, preloads, styles }
}

/**
 * Relative specifiers of a built chunk's static imports (`import{a}from"./x.js"`, `import"./x.js"`,
 * `export*from"./x.js"`); `import("./x.js")` is dynamic and left out. A regex rather than a JS
 * parser: the input is Vite's own minified output, and the bench should not pull in a parser.
 */
export function parseStaticImports(code: string): string[] {
  const found = new Set<string>()
  for (const m of code.matchAll(/(?:^|[^\w$.])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g)) found.add(m[1]!)
  return [...found]
}

const clean = (p: string) => posix.normalize(p.replace(/^\.?\//, '').split(/[?#]/)[0]!)

/**
 * What the first paint loads, as paths relative to the build root: index.html, the files it links,
 * and the static-import closure of its scripts (chunks the entry needs before it can run).
 */
export function findFirstPaintFiles({ html, readText }: { html: string; readText: (path: string) => string }): string[] {
  const { scripts, preloads, styles } = parseIndexHtml(html)
  const entries = [...scripts, ...preloads].filter((s) => !/^[a-z]+:/i.test(s))
  return [...new Set(['index.html', ...styles.map(clean), ...findStaticClosure({ entries, readText })])]
}

/** Build-root paths of `entries` and every chunk they reach through static imports. */
export function findStaticClosure({ entries, readText }: { entries: string[]; readText: (path: string) => string }): string[] {
  const seen = new Set<string>()
  const queue = entries.map(clean)
  while (queue.length > 0) {
    const file = queue.shift()!
    if (seen.has(file)) continue
    seen.add(file)
    if (!file.endsWith('.js')) continue
    for (const spec of parseStaticImports(readText(file))) queue.push(posix.normalize(posix.join(posix.dirname(file), spec)))
  }
  return [...seen]
}
