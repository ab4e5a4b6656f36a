import { execFile } from 'node:child_process'
import { readFile, readdir, stat } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import { formatValue } from './formatTable.ts'
import { findFirstPaintFiles, findStaticClosure } from './findFirstPaintFiles.ts'
import { time, toMetric } from './measure.ts'
import { type SectionResult, createSection } from './types.ts'

const root = path.resolve(import.meta.dirname, '../..')

/** `vite build` of the checkout into `outDir` (not dist/, which others use); returns its duration. */
export async function buildApp({ outDir }: { outDir: string }): Promise<number> {
  const { ms } = await time(() =>
    promisify(execFile)(path.join(root, 'node_modules/.bin/vite'), ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: root, maxBuffer: 64 * 1024 * 1024 }),
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
  // The light-client worker, spawned at app start: its entry (Vite's worker build) and that entry's static imports.
  const workerEntry = files.find((f) => /(^|\/)lightClient\.worker-[\w-]+\.js$/.test(f))
  const workerFiles = new Set(workerEntry ? findStaticClosure({ entries: [workerEntry], readText: (p) => readFileSync(path.join(dir, p), 'utf8') }) : [])
  const worker = sizes.filter((s) => workerFiles.has(s.file))
  section.metrics.push(
    toMetric({ metric: 'first paint, all files: raw', unit: 'bytes', samples: [total(paint, 'raw')] }),
    toMetric({ metric: 'first paint, all files: gzip', unit: 'bytes', samples: [total(paint, 'gzip')] }),
    toMetric({ metric: 'first paint, JavaScript: raw', unit: 'bytes', samples: [total(paintJs, 'raw')] }),
    toMetric({ metric: 'first paint, JavaScript: gzip', unit: 'bytes', samples: [total(paintJs, 'gzip')], note: 'target <= 150 kB' }),
    toMetric({ metric: 'light-client worker, loaded at start: gzip', unit: 'bytes', samples: [total(worker, 'gzip')], note: `${worker.length} files; its lazy BLS chunk not included` }),
    toMetric({ metric: 'whole dist/: raw', unit: 'bytes', samples: [total(sizes, 'raw')] }),
    toMetric({ metric: 'whole dist/: gzip', unit: 'bytes', samples: [total(sizes, 'gzip')], note: 'target <= 450 kB' }),
    toMetric({ metric: 'files in dist/', unit: 'count', samples: [sizes.length] }),
  )
  const byGzip = [...sizes].sort((a, b) => b.gzip - a.gzip)
  section.tables.push({
    title: 'Per file (first paint marked *), largest gzip first',
    header: ['file', 'raw', 'gzip', 'first paint'],
    rows: byGzip.map((s) => [s.file, formatValue({ value: s.raw, unit: 'bytes' }), formatValue({ value: s.gzip, unit: 'bytes' }), s.firstPaint ? '*' : workerFiles.has(s.file) ? 'worker' : '']),
    alignRight: [1, 2],
  })
  section.notes.push(
    'First paint = index.html, its stylesheets and module preloads, and the static-import closure of its module scripts (dynamic import() chunks load later). gzip at level 9.',
    'The light-client worker (Vite\'s ES-module worker build) is spawned at app start, after the first paint; it loads its entry and that entry\'s static imports, then the BLS backend.',
  )
  section.details = { files: sizes }
  return section
}
