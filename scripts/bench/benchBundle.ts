import { execFile } from 'node:child_process'
import { readFile, readdir, stat } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import { formatValue } from './formatTable.ts'
import { findFirstPaintFiles, findStaticClosure } from './findFirstPaintFiles.ts'
import { coreGroups, featureGroups, groupDistFiles, otherScreens, serviceWorker, staticFiles } from './groupDistFiles.ts'
import { time, toMetric } from './measure.ts'
import { type SectionResult, createSection } from './types.ts'

const root = path.resolve(import.meta.dirname, '../..')

/** `vite build` of the checkout (or of `cwd`) into `outDir` (not dist/, which others use); returns its duration. */
export async function buildApp({ outDir, cwd = root }: { outDir: string; cwd?: string }): Promise<number> {
  const { ms } = await time(() =>
    promisify(execFile)(path.join(cwd, 'node_modules/.bin/vite'), ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd, maxBuffer: 64 * 1024 * 1024 }),
  )
  return ms
}

async function listFiles(dir: string, base = dir): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.name.startsWith('.')) continue // hidden files are not published (publishDist skips them)
    if (entry.isDirectory()) out.push(...(await listFiles(full, base)))
    else out.push(path.relative(base, full).split(path.sep).join('/'))
  }
  return out.sort()
}

/** Bytes (raw and gzip -9) of what the first paint loads and of every file in the build. */
export async function benchBundle({ dir }: { dir: string }): Promise<SectionResult> {
  const section = createSection('bundle', 'Bundle (production build)')
  const html = await readFile(path.join(dir, 'index.html'), 'utf8')
  const firstPaint = new Set(findFirstPaintFiles({ html, readText: (p) => readFileSync(path.join(dir, p), 'utf8') }))
  const files = await listFiles(dir)
  const sizes = await Promise.all(files.map(async (file) => {
    const bytes = await readFile(path.join(dir, file))
    return { file, raw: (await stat(path.join(dir, file))).size, gzip: gzipSync(bytes, { level: 9 }).length, firstPaint: firstPaint.has(file) }
  }))
  const total = (list: typeof sizes, key: 'raw' | 'gzip') => list.reduce((a, s) => a + s[key], 0)
  const paint = sizes.filter((s) => s.firstPaint)
  const paintJs = paint.filter((s) => s.file.endsWith('.js'))
  // The light-client worker, spawned at app start: its entry (an entry of the page's build, scripts/build/workerEntries.ts) and that entry's static imports.
  const workerEntry = files.find((f) => /(^|\/)lightClient\.worker-[\w-]+\.js$/.test(f))
  const workerFiles = new Set(workerEntry ? findStaticClosure({ entries: [workerEntry], readText: (p) => readFileSync(path.join(dir, p), 'utf8') }) : [])
  const worker = sizes.filter((s) => workerFiles.has(s.file))
  const groupOf = groupDistFiles({ files, html, readText: (p) => readFileSync(path.join(dir, p), 'utf8') })
  const groups = [...coreGroups, ...featureGroups.map((g) => g.group), otherScreens, serviceWorker, staticFiles].map((name) => {
    const list = sizes.filter((s) => groupOf.get(s.file) === name)
    return { name, files: list.length, raw: total(list, 'raw'), gzip: total(list, 'gzip') }
  })
  const core = sizes.filter((s) => (coreGroups as readonly string[]).includes(groupOf.get(s.file)!))
  section.metrics.push(
    toMetric({ metric: 'first paint, all files: raw', unit: 'bytes', samples: [total(paint, 'raw')] }),
    toMetric({ metric: 'first paint, all files: gzip', unit: 'bytes', samples: [total(paint, 'gzip')] }),
    toMetric({ metric: 'first paint, JavaScript: raw', unit: 'bytes', samples: [total(paintJs, 'raw')] }),
    toMetric({ metric: 'first paint, JavaScript: gzip', unit: 'bytes', samples: [total(paintJs, 'gzip')], note: 'target <= 150 kB' }),
    toMetric({ metric: 'light-client worker, loaded at start: gzip', unit: 'bytes', samples: [total(worker, 'gzip')], note: `${worker.length} files; its lazy BLS chunk not included` }),
    toMetric({ metric: 'app core (first paint + engine + light-client worker): raw', unit: 'bytes', samples: [total(core, 'raw')] }),
    toMetric({ metric: 'app core (first paint + engine + light-client worker): gzip', unit: 'bytes', samples: [total(core, 'gzip')], note: `${core.length} files; what every user loads before a verified balance (whole-dist target 450 kB)` }),
    toMetric({ metric: 'whole dist/: raw', unit: 'bytes', samples: [total(sizes, 'raw')] }),
    toMetric({ metric: 'whole dist/: gzip', unit: 'bytes', samples: [total(sizes, 'gzip')], note: 'target <= 450 kB' }),
    toMetric({ metric: 'files in dist/', unit: 'count', samples: [sizes.length] }),
  )
  const sum = (key: 'raw' | 'gzip') => groups.reduce((a, g) => a + g[key], 0)
  section.tables.push({
    title: 'Whole dist/ by part (core first; each file counted once)',
    header: ['part', 'files', 'raw', 'gzip'],
    rows: [
      ...groups.map((g) => [(coreGroups as readonly string[]).includes(g.name) ? `core: ${g.name}` : g.name, String(g.files), formatValue({ value: g.raw, unit: 'bytes' }), formatValue({ value: g.gzip, unit: 'bytes' })]),
      ['all', String(sizes.length), formatValue({ value: sum('raw'), unit: 'bytes' }), formatValue({ value: sum('gzip'), unit: 'bytes' })],
    ],
    alignRight: [1, 2, 3],
  })
  const byGzip = [...sizes].sort((a, b) => b.gzip - a.gzip)
  section.tables.push({
    title: 'Per file (first paint marked *), largest gzip first',
    header: ['file', 'raw', 'gzip', 'first paint', 'part'],
    rows: byGzip.map((s) => [s.file, formatValue({ value: s.raw, unit: 'bytes' }), formatValue({ value: s.gzip, unit: 'bytes' }), s.firstPaint ? '*' : workerFiles.has(s.file) ? 'worker' : '', groupOf.get(s.file) ?? '']),
    alignRight: [1, 2],
  })
  section.notes.push(
    'First paint = index.html, its stylesheets and module preloads, and the static-import closure of its module scripts (dynamic import() chunks load later). gzip at level 9.',
    'The light-client worker (an entry of the page\'s own build, so the chunks it shares with the page are counted once, in the page\'s part) is spawned at app start, after the first paint; it loads its entry and that entry\'s static imports, then the BLS backend.',
    'Parts (scripts/bench/groupDistFiles.ts): the app core is the first paint, the page\'s engine chunk (createChainEngine) with its static imports and the light-client worker\'s whole graph; every other file belongs to the optional part whose lazy chunk leads to it (the local EVM first: the first token balance loads it). The service worker fetches and verifies every file of the copy after the first visit on a subdomain gateway, so whole dist/ is what a visit downloads in the background; the core is what the first verified balance waits for.',
  )
  section.details = { files: sizes.map((s) => ({ ...s, part: groupOf.get(s.file) })), parts: groups }
  return section
}
