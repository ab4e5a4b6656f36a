import '../polyfills.ts'
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { launchBrowser } from '../../tests/helpers/browser.ts'
import { serveApp } from '../../tests/e2e/serveApp.ts'
import { startDevnet } from '../devnet/startDevnet.ts'
import { settle } from './settle.ts'
import { shrinkPng } from './shrinkPng.ts'
import { tourScreens } from './tourScreens.ts'

/**
 * `npm run screenshots`: the production build on a devnet, in Debian's chromium, walked through
 * its main screens; writes docs/screenshots/<screen>-<phone|desktop>-<light|dark>.png, each
 * palette-quantized (small, for the README).
 */
const { values } = parseArgs({ options: { out: { type: 'string' } } })
const outDir = path.resolve(values.out ?? path.join(import.meta.dirname, '../../docs/screenshots'))
const screens = ['welcome', 'home', 'send-review', 'network']
const sizes = { phone: { width: 360, height: 740 }, desktop: { width: 1280, height: 800 } } as const
const schemes = ['light', 'dark'] as const

const [devnet, app, browser] = await Promise.all([startDevnet({ secondsPerSlot: 2 }), serveApp(), launchBrowser({ viewport: sizes.desktop })])
try {
  await mkdir(outDir, { recursive: true })
  for (const old of await readdir(outDir)) if (old.endsWith('.png')) await rm(path.join(outDir, old))
  const page = await browser.newPage()
  // No blinking caret, no shimmer caught mid-frame: the same screen gives the same picture.
  await page.emulateMedia({ reducedMotion: 'reduce' })
  let total = 0
  await tourScreens({
    page, appUrl: app.subdomainUrl, devnet, only: screens,
    async visit({ name }) {
      for (const [size, viewport] of Object.entries(sizes)) {
        await page.setViewportSize(viewport)
        for (const colorScheme of schemes) {
          await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' })
          await settle(page)
          const file = path.join(outDir, `${name}-${size}-${colorScheme}.png`)
          await writeFile(file, shrinkPng(await page.screenshot({ caret: 'hide', animations: 'disabled' })))
          const bytes = (await stat(file)).size
          total += bytes
          process.stderr.write(`screenshots: ${path.relative(process.cwd(), file)} ${(bytes / 1024).toFixed(0)} kB\n`)
        }
      }
      await page.setViewportSize(sizes.desktop)
    },
  })
  process.stderr.write(`screenshots: ${screens.length * 4} files, ${(total / 1024).toFixed(0)} kB in all\n`)
} finally {
  await browser.close()
  await app.close()
  await devnet.stop()
}
