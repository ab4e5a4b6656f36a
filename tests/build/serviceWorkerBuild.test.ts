// sw.js is a module service worker built with the page (scripts/build/serviceWorkerBuild.ts): it
// must import only chunks that can run in a service worker, name every script the browser's update
// check compares, and share the IPFS code with the page instead of carrying a copy.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { findStaticClosure } from '../../scripts/bench/findFirstPaintFiles.ts'
import { buildAppOnce } from '../e2e/serveApp.ts'

it('builds sw.js as a module worker that names its own scripts and imports none of the page\'s chunks', async () => {
  const dir = await buildAppOnce()
  const readText = (path: string) => readFileSync(join(dir, path), 'utf8')
  const files = findStaticClosure({ entries: ['sw.js'], readText })
  expect(files.length).toBeGreaterThan(1)
  const named = /JSON\.parse\((["'`])(\[[^\]]*\])\1\)/.exec(readText('sw.js'))
  expect(named).not.toBeNull()
  expect([...(JSON.parse(named![2]!) as string[])].sort()).toEqual([...files].sort())
  expect((JSON.parse(named![2]!) as string[])[0]).toBe('sw.js')
  // The page's own chunks (Svelte, `document`) never run in the worker; neither does Vite's preload helper.
  expect(files.filter((f) => /\/(index|createChainEngine)-/.test(f))).toEqual([])
  const code = files.map(readText).join('\n')
  expect(code).not.toContain('__vite__mapDeps')
  // A service worker cannot import() (the browser refuses it at the call): none of its files calls it.
  expect(code).not.toMatch(/(^|[^\w$.])import\(/)
}, 300_000)

it('ships multiformats\' CID once, in a chunk the page and sw.js both import', async () => {
  const dir = await buildAppOnce()
  const readText = (path: string) => readFileSync(join(dir, path), 'utf8')
  const js = ['sw.js', ...readdirSync(join(dir, 'assets')).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`)]
  const holders = js.filter((f) => readText(f).includes('Invalid CID version'))
  expect(holders).toHaveLength(1)
  expect(findStaticClosure({ entries: ['sw.js'], readText })).toContain(holders[0])
}, 300_000)
