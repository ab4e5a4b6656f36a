import { describe, expect, it } from 'vitest'
import { createCountingFetch, jsonRpcMethods } from '../../../scripts/bench/createCountingFetch.ts'
import { formatTable, formatValue, summaryCells } from '../../../scripts/bench/formatTable.ts'
import { renderSection } from '../../../scripts/bench/renderReport.ts'
import { pairedRatios, quantile, summarize } from '../../../scripts/bench/summarize.ts'
import { toMetric } from '../../../scripts/bench/measure.ts'
import { createSection } from '../../../scripts/bench/types.ts'
import { findFirstPaintFiles, parseIndexHtml, parseStaticImports } from '../../../scripts/bench/findFirstPaintFiles.ts'
import { groupDistFiles, parseLazyReferences } from '../../../scripts/bench/groupDistFiles.ts'

describe('bench statistics', () => {
  it('summarizes samples in any order: median, interpolated p10/p90, min, max, mean', () => {
    const s = summarize([10, 1, 9, 2, 8, 3, 7, 4, 6, 5, 11])
    expect(s).toEqual({ n: 11, median: 6, p10: 2, p90: 10, min: 1, max: 11, mean: 6 })
    expect(summarize([4, 1]).median).toBe(2.5)
    expect(quantile({ sorted: [0, 10], q: 0.1 })).toBeCloseTo(1)
    expect(summarize([7])).toMatchObject({ median: 7, p10: 7, p90: 7 })
  })

  it('refuses empty or non-finite samples', () => {
    expect(() => summarize([])).toThrow(RangeError)
    expect(() => summarize([1, Number.NaN])).toThrow(/non-finite/)
  })

  it('pairs ratios per iteration and refuses unequal lists', () => {
    expect(pairedRatios({ numerators: [2, 9], denominators: [1, 3] })).toEqual([2, 3])
    expect(() => pairedRatios({ numerators: [1], denominators: [1, 2] })).toThrow(RangeError)
  })
})

describe('bench table formatting', () => {
  it('formats values by unit', () => {
    expect(formatValue({ value: 1.234, unit: 'ms' })).toBe('1.23 ms')
    expect(formatValue({ value: 123.45, unit: 'ms' })).toBe('123.5 ms')
    expect(formatValue({ value: 2500, unit: 'ms' })).toBe('2.50 s')
    expect(formatValue({ value: 812, unit: 'bytes' })).toBe('812 B')
    expect(formatValue({ value: 245_300, unit: 'bytes' })).toBe('245.3 kB')
    expect(formatValue({ value: 1.105, unit: 'x' })).toBe('1.10x')
    expect(formatValue({ value: 3, unit: 'count' })).toBe('3')
  })

  it('pads columns to the widest cell, right-aligns numbers, and rejects ragged rows', () => {
    const text = formatTable({ header: ['name', 'ms'], rows: [['a', '1.5'], ['longer', '12']], alignRight: [1] })
    expect(text.split('\n')).toEqual(['name     ms', '------  ---', 'a       1.5', 'longer   12'])
    expect(() => formatTable({ header: ['a', 'b'], rows: [['1']] })).toThrow(/row 0 has 1 cells/)
  })

  it('renders a section with its metrics, notes and the reason it was not measured', () => {
    const section = createSection('x', 'Example')
    section.metrics.push(toMetric({ metric: 'op', unit: 'ms', samples: [3, 1, 2] }))
    section.notes.push('a note')
    section.skipped = 'Helios could not start: because'
    const text = renderSection(section)
    expect(text).toContain('## Example')
    expect(text).toMatch(/op\s+2\.00 ms\s+1\.20 ms\s+2\.80 ms\s+1\.00 ms\s+3\.00 ms\s+3/)
    expect(text).toContain('NOT MEASURED: Helios could not start: because')
    expect(text).toContain('- a note')
    expect(summaryCells({ summary: summarize([1]), unit: 'x' })).toEqual(['1.00x', '1.00x', '1.00x', '1.00x', '1.00x', '1'])
  })
})

describe('counting fetch', () => {
  it('records one round trip per request with the JSON-RPC methods of a batch', async () => {
    const seen: string[] = []
    const counter = createCountingFetch({ fetch: (async (input: RequestInfo | URL) => { seen.push(String(input)); return new Response('{}') }) as typeof fetch })
    await counter.fetch('http://a/', { method: 'POST', body: JSON.stringify([{ method: 'eth_getProof' }, { method: 'eth_getCode' }]) })
    await counter.fetch(new URL('http://b/x'))
    expect(counter.take()).toEqual([{ url: 'http://a/', methods: ['eth_getProof', 'eth_getCode'] }, { url: 'http://b/x', methods: [] }])
    expect(counter.take()).toEqual([])
    expect(seen).toEqual(['http://a/', 'http://b/x'])
    expect(jsonRpcMethods('not json')).toEqual([])
  })
})

describe('first-paint files of a build', () => {
  const files: Record<string, string> = {
    'assets/index-a1.js': 'import{a as b}from"./vendor-b2.js";import"./polyfill-c3.js";const l=()=>import("./evm-d4.js");export{b}',
    'assets/vendor-b2.js': 'export*from"./shared-e5.js";const s="import(\\"x\\")"',
    'assets/polyfill-c3.js': 'console.log(1)',
    'assets/shared-e5.js': 'export const q=1',
    'assets/evm-d4.js': 'import"./shared-e5.js"',
  }
  const html = '<!doctype html><link rel="stylesheet" href="./assets/index-f6.css"><link rel="modulepreload" href="./assets/polyfill-c3.js"><script type="module" crossorigin src="./assets/index-a1.js"></script>'

  it('parses scripts, preloads and stylesheets from index.html', () => {
    expect(parseIndexHtml(html)).toEqual({ scripts: ['./assets/index-a1.js'], preloads: ['./assets/polyfill-c3.js'], styles: ['./assets/index-f6.css'] })
  })

  it('keeps static imports and re-exports, not dynamic imports', () => {
    expect(parseStaticImports(files['assets/index-a1.js']!)).toEqual(['./vendor-b2.js', './polyfill-c3.js'])
    expect(parseStaticImports(files['assets/vendor-b2.js']!)).toEqual(['./shared-e5.js'])
  })

  it('follows the static-import closure of the entry and leaves lazy chunks out', () => {
    const found = findFirstPaintFiles({ html, readText: (p) => files[p] ?? (() => { throw new Error(`no ${p}`) })() })
    expect(found.sort()).toEqual(['assets/index-a1.js', 'assets/index-f6.css', 'assets/polyfill-c3.js', 'assets/shared-e5.js', 'assets/vendor-b2.js', 'index.html'])
  })
})

describe('parts of a build', () => {
  // A first paint that spawns the worker and lazily loads the engine, the EVM (through a vendor
  // chunk named `esm`), a Ledger screen sharing that vendor chunk, and a settings screen.
  const files: Record<string, string> = {
    'index.html': '<script type="module" src="./assets/index-aaaaaaaa.js"></script>',
    'assets/index-aaaaaaaa.js': 'import"./base-bbbbbbbb.js";new URL(`lightClient.worker-cccccccc.js`,import.meta.url);()=>import(`./createChainEngine-dddddddd.js`);()=>import("./Settings-eeeeeeee.js");()=>import("./hardwareAccount-ffffffff.js")',
    'assets/base-bbbbbbbb.js': 'export const b=1',
    'assets/lightClient.worker-cccccccc.js': 'import"./bls-gggggggg.js"',
    'assets/bls-gggggggg.js': '',
    'assets/createChainEngine-dddddddd.js': 'import"./base-bbbbbbbb.js";import"./engineDep-hhhhhhhh.js";()=>import("./runVerifiedCall-iiiiiiii.js")',
    'assets/engineDep-hhhhhhhh.js': '',
    'assets/runVerifiedCall-iiiiiiii.js': '()=>import("./esm-jjjjjjjj.js")',
    'assets/esm-jjjjjjjj.js': '',
    'assets/hardwareAccount-ffffffff.js': 'import"./esm-jjjjjjjj.js";import"./ledger-kkkkkkkk.js"',
    'assets/ledger-kkkkkkkk.js': '',
    'assets/Settings-eeeeeeee.js': '',
    'assets/Settings-llllllll.css': '',
    'sw.js': '',
    'icon.svg': '',
  }
  const readText = (p: string) => files[p] ?? (() => { throw new Error(`no ${p}`) })()

  it('reads lazy chunks and workers, not static imports', () => {
    expect(parseLazyReferences(files['assets/index-aaaaaaaa.js']!)).toEqual(['./createChainEngine-dddddddd.js', './Settings-eeeeeeee.js', './hardwareAccount-ffffffff.js', './lightClient.worker-cccccccc.js'])
  })

  it('puts every file in exactly one part: the core, then the features in their order', () => {
    const parts = groupDistFiles({ files: Object.keys(files), html: files['index.html']!, readText })
    expect(Object.fromEntries(parts)).toEqual({
      'index.html': 'first paint',
      'assets/index-aaaaaaaa.js': 'first paint',
      'assets/base-bbbbbbbb.js': 'first paint',
      'assets/createChainEngine-dddddddd.js': 'engine (page)',
      'assets/engineDep-hhhhhhhh.js': 'engine (page)',
      'assets/lightClient.worker-cccccccc.js': 'light-client worker',
      'assets/bls-gggggggg.js': 'light-client worker',
      'assets/runVerifiedCall-iiiiiiii.js': 'local EVM (eth_call: token balances, previews)',
      'assets/esm-jjjjjjjj.js': 'local EVM (eth_call: token balances, previews)', // the EVM comes first
      'assets/hardwareAccount-ffffffff.js': 'Ledger and QR signers',
      'assets/ledger-kkkkkkkk.js': 'Ledger and QR signers',
      'assets/Settings-eeeeeeee.js': 'other screens and actions',
      'assets/Settings-llllllll.css': 'other screens and actions',
      'sw.js': 'service worker (sw.js)',
      'icon.svg': 'static files (icons, manifest, build info)',
    })
  })
})
