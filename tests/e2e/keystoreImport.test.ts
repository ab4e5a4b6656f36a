import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { privateKeyToAddress } from 'viem/accounts'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { encryptKeystore } from '../../src/lib/wallet/encryptKeystore.ts'
import { type TestBrowser, launchBrowser } from '../helpers/browser.ts'
import { dumpOnFailure, useE2e } from './harness.ts'
import type { ServedApp } from './serveApp.ts'

// Importing a keystore in the app: the key is derived in a worker with a progress bar while the
// page keeps running its timers; a keystore past the limits is refused at once, naming the
// setting; with no Worker the page derives it itself (holding its thread meanwhile: noble's
// scrypt yields with microtasks only).
const privateKey = '0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f'
const address = privateKeyToAddress(privateKey)
const vaultPassword = 'correct horse battery'
const e2e = useE2e({ devnets: [] })
let app: ServedApp
let browser: TestBrowser
let dir: string
let goodFile: string
let heavyFile: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'latchkey-e2e-keystore-'))
  ;({ app, browser } = e2e)
  // n=2^17, r=8: half of geth's standard, seconds of scrypt in a browser, well inside the limits.
  const ks = await encryptKeystore({ privateKey, password: 'file pw', scrypt: { n: 2 ** 17, r: 8, p: 1 } })
  goodFile = join(dir, 'good.json')
  heavyFile = join(dir, 'heavy.json')
  await writeFile(goodFile, JSON.stringify(ks))
  await writeFile(heavyFile, JSON.stringify({ ...ks, crypto: { ...ks.crypto, kdfparams: { ...ks.crypto.kdfparams, n: 2 ** 20, p: 8 } } }))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function openImport(page: Page, name: string) {
  dumpOnFailure(page, browser, name)
  await page.goto(`${app.subdomainUrl}#/import?kind=keystore`)
  await page.getByRole('heading', { name: 'Import a keystore file' }).waitFor()
}

async function fillAndImport(page: Page, file: string) {
  await page.getByLabel('Keystore file (Web3 Secret Storage v3 JSON)').setInputFiles(file)
  await page.getByText(/^Loaded /).waitFor()
  await page.getByLabel("The keystore's password").fill('file pw')
  await page.getByLabel("Password for this browser's vault").fill(vaultPassword)
  await page.getByLabel('Repeat the password').fill(vaultPassword)
  await page.getByRole('button', { name: 'Import' }).click()
}

/** The progress bar's value while it shows one strictly between 0 and 1, else undefined. */
const midway = (page: Page) => page.evaluate(() => {
  const bar = document.querySelector<HTMLProgressElement>('[data-testid="keystore-progress"] progress')
  return bar && bar.value > 0 && bar.value < 1 ? bar.value : undefined
})

async function waitMidway(page: Page, above: number): Promise<number> {
  for (;;) {
    const value = await midway(page)
    if (value !== undefined && value > above) return value
    if (await page.getByRole('heading', { name: 'Home' }).isVisible()) throw new Error(`the derivation ended before the progress passed ${above}`)
    await page.waitForTimeout(20)
  }
}

it('a keystore past the limits is refused at once, naming the setting; nothing is created', { timeout: 120_000 }, async () => {
  const page = await browser.newPage()
  await openImport(page, 'keystore-refused')
  await fillAndImport(page, heavyFile)
  await expect(page.getByRole('alert').textContent()).resolves.toBe("This keystore's scrypt cost 128·r·n·p is 8 GiB; Latchkey accepts at most 256 MiB.")
  await expect(page.getByRole('heading', { name: 'Import a keystore file' }).isVisible()).resolves.toBe(true)
  // No vault was written: the Welcome screen still offers to create or import one.
  await page.goto(`${app.subdomainUrl}#/welcome`)
  await page.getByRole('link', { name: 'Create a new wallet' }).waitFor()
  await page.close()
})

it('derives in a worker, with progress, and the page keeps ticking meanwhile', { timeout: 180_000 }, async () => {
  const page = await browser.newPage()
  await openImport(page, 'keystore-worker')
  const workers: string[] = []
  page.on('worker', (w) => workers.push(w.url()))
  await page.evaluate(() => {
    const w = window as unknown as { ticks: number }
    w.ticks = 0
    setInterval(() => w.ticks++, 10)
  })
  await fillAndImport(page, goodFile)
  // The page's own timer ran while scrypt was still in between (both read in one evaluate, on the
  // page's thread): a page frozen by the derivation cannot answer while the bar is midway at all.
  const first = await waitMidway(page, 0)
  const ticksAtFirst = await page.evaluate(() => (window as unknown as { ticks: number }).ticks)
  for (;;) {
    const now = await page.evaluate(() => {
      const bar = document.querySelector<HTMLProgressElement>('[data-testid="keystore-progress"] progress')
      return { value: bar && bar.value > 0 && bar.value < 1 ? bar.value : undefined, ticks: (window as unknown as { ticks: number }).ticks }
    })
    if (now.value !== undefined && now.value >= first && now.ticks > ticksAtFirst) break
    if (now.value === undefined) throw new Error(`the derivation ended before the page's timer ran again (ticks ${now.ticks})`)
    await page.waitForTimeout(20)
  }
  await expect(page.getByTestId('keystore-progress').textContent()).resolves.toMatch(/Deriving the keystore's key… \d+%/)
  await page.getByRole('heading', { name: 'Home' }).waitFor({ timeout: 120_000 })
  await expect(page.getByTestId('address').textContent()).resolves.toBe(address)
  expect(workers.some((url) => /keystoreKdf\.worker/.test(url))).toBe(true)
  await page.close()
})

it('with no Worker in the browser, the page derives the key itself', { timeout: 240_000 }, async () => {
  const isolated = await launchBrowser()
  try {
    const page = await isolated.newPage()
    await page.addInitScript(() => Object.defineProperty(window, 'Worker', { value: undefined }))
    const workers: string[] = []
    page.on('worker', (w) => workers.push(w.url()))
    await openImport(page, 'keystore-page')
    await fillAndImport(page, goodFile)
    await page.getByRole('heading', { name: 'Home' }).waitFor({ timeout: 180_000 })
    await expect(page.getByTestId('address').textContent()).resolves.toBe(address)
    expect(workers).toEqual([])
  } finally {
    await isolated.close()
  }
})
