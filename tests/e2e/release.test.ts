// Issue 13, "upgrades without trust", in Chromium: two builds of the app (the second says another
// version in its own latchkey-build.json, so another CID) on one local Helia gateway. From the first,
// Settings → Move to a new release checks the second (every block against its CID), shows what it
// is, carries the encrypted setup to the new origin, which imports it after the export password:
// the vault and the network arrive there. A pasted non-CID is refused; a gateway that flips a byte of
// the new release is caught and the move refused.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import type { Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { CID } from 'multiformats/cid'
import { bytesToHex } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { afterAll, beforeAll, expect, it, onTestFailed } from 'vitest'
import { DEV_NAME } from '../../scripts/devnet/devnetContracts.ts'
import { devnetConnectQuery } from '../../scripts/devnet/connectQuery.ts'
import type { Devnet } from '../../scripts/devnet/startDevnet.ts'
import { type CreateNodeReturnType, createNode } from '../../scripts/ipfs/createNode.ts'
import { publishDist } from '../../scripts/ipfs/publishDist.ts'
import { type StartGatewayReturnType, startGateway } from '../../scripts/ipfs/startGateway.ts'
import { type TestBrowser, launchBrowser } from '../helpers/browser.ts'
import { startTestDevnet } from '../helpers/devnet.ts'
import { startTamperingGateway } from '../helpers/trustlessGateways.ts'
import { setReleaseRecord } from '../lib/ens/ensDevnet.ts'
import { confirmConnectLink } from './confirmConnectLink.ts'
import { buildAppOnce } from './serveApp.ts'

const shots = '.scratch/screenshots'
const walletPassword = 'release move pw'
const exportPassword = 'export across'
let devnet: Devnet
let browser: TestBrowser
let node: CreateNodeReturnType
let gateway: StartGatewayReturnType
let tmp: string
const servers: Server[] = []
let first: { cid: string; subdomainUrl: string }
let second: { cid: string; subdomainUrl: string; version: string }
/** The block that holds the release record (the app reads it at its verified head: at or past this one). */
let recordBlock: bigint

beforeAll(async () => {
  ;[devnet, browser] = await Promise.all([startTestDevnet({ ens: true }), launchBrowser(), mkdir(shots, { recursive: true })]) as [Devnet, TestBrowser, unknown]
  const built = await buildAppOnce()
  tmp = await mkdtemp(join(tmpdir(), 'latchkey-e2e-release-'))
  const a = join(tmp, 'a')
  const b = join(tmp, 'b')
  for (const dir of [a, b]) await cp(built, dir, { recursive: true, filter: (src) => !src.endsWith('.done') })
  // The next release: the same app, saying another version in its own metadata (so another CID).
  const info = JSON.parse(await readFile(join(b, 'latchkey-build.json'), 'utf8')) as { version: string }
  const version = `${info.version}-next-release`
  await writeFile(join(b, 'latchkey-build.json'), `${JSON.stringify({ ...info, version }, null, 2)}\n`)
  node = await createNode({ repo: join(tmp, 'repo') })
  const cidA = (await publishDist({ dir: a, node, carPath: join(tmp, 'a.car') })).cid
  const cidB = (await publishDist({ dir: b, node, carPath: join(tmp, 'b.car') })).cid
  gateway = await startGateway({ helia: node.helia, appCid: cidA.toString(), redirectToSubdomain: false })
  first = { cid: cidA.toString(), subdomainUrl: gateway.urlsFor(cidA).subdomainUrl }
  second = { cid: cidB.toString(), subdomainUrl: gateway.urlsFor(cidB).subdomainUrl, version }
  recordBlock = await setReleaseRecord(devnet, CID.parse(second.cid), recordCommit)
}, 300_000)

afterAll(async () => {
  await browser?.close()
  for (const s of servers) s.close()
  await gateway?.close()
  await node?.stop()
  await devnet?.stop()
  if (tmp) await rm(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
})

/** The commit the release record states (any 40 hex digits: the record is its owner's word). */
const recordCommit = '0123456789abcdef0123456789abcdef01234567'

function report(page: Page, name: string) {
  onTestFailed(async () => {
    console.error('page url:', page.url(), '\npage text:\n', await page.locator('body').innerText().catch(() => '?'), '\nbrowser errors:\n', browser.errors.join('\n'))
    await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true }).catch(() => undefined)
  })
}

/** A gateway in front of ours that flips one byte of the second release's metadata wherever it passes (a file, a raw block, a CAR). */
function tamperingGateway(marker: Buffer): Promise<number> {
  return startTamperingGateway(servers, {
    port: Number(new URL(gateway.url).port),
    tamper: (body) => {
      const at = body.indexOf(marker)
      if (at >= 0) body[at] ^= 0x01
      return body
    },
  })
}

async function checkRelease(page: Page, cid: string) {
  await page.getByTestId('move-cid').fill(cid)
  await page.getByRole('button', { name: 'Check release' }).click()
}

const phase = (page: Page) => page.getByTestId('move-release').getAttribute('data-phase')

it('moves from one release to the next: the new copy is verified, says its version, and the vault and network arrive on the new origin', async () => {
  const page = await browser.newPage()
  report(page, 'release-move-failure')
  // The devnet's link proposes its ENS Universal Resolver too (a release record is read through it).
  await confirmConnectLink(page, `${first.subdomainUrl}#/connect?${devnetConnectQuery(devnet)}`)
  const account = mnemonicToAccount(devnet.mnemonic, { addressIndex: 1 })
  await page.goto(`${first.subdomainUrl}#/import?kind=privateKey`)
  await page.getByLabel('Private key (64 hex digits)').fill(bytesToHex(account.getHdKey().privateKey!))
  await page.getByLabel("Password for this browser's vault").fill(walletPassword)
  await page.getByLabel('Repeat the password').fill(walletPassword)
  await page.getByRole('button', { name: 'Import' }).click()
  await page.getByRole('heading', { name: 'Home' }).waitFor({ timeout: 30_000 })
  // A current verified head that includes the record first: the record is read at the head (the
  // checkpoint block the first verified balance can come from may predate it, and be current on
  // the devnet's 1 s slots).
  await expect.poll(() => page.getByRole('group', { name: 'ETH balance' }).getAttribute('data-freshness'), { timeout: 90_000, interval: 250 }).toBe('current')
  await expect.poll(async () => BigInt((await page.locator('[data-verified-balance]').first().getAttribute('data-block')) ?? -1), { timeout: 90_000, interval: 250 }).toBeGreaterThanOrEqual(recordBlock)

  await page.goto(`${first.subdomainUrl}#/settings`)
  await page.getByRole('heading', { name: 'Move to a new release' }).waitFor({ timeout: 30_000 })
  // Garbage and the running copy itself are refused before anything is fetched.
  await checkRelease(page, 'https://example.org/not-a-cid')
  await expect.poll(() => page.getByTestId('move-error').getAttribute('data-error'), { timeout: 10_000 }).toBe('InvalidCidError')
  await expect(page.getByTestId('move-error').textContent()).resolves.toMatch(/That is not a CID/)
  await checkRelease(page, first.cid)
  await expect.poll(() => page.getByTestId('move-error').getAttribute('data-error'), { timeout: 10_000 }).toBe('SameReleaseError')

  // The next release, named by the release record dev.eth (read at the verified head): every block
  // checked, and what it says it is, from its own verified files.
  await page.getByTestId('move-record-name').fill(DEV_NAME)
  await page.getByRole('button', { name: 'Read release record' }).click()
  await expect.poll(() => phase(page), { timeout: 90_000, interval: 250 }).toBe('ready')
  await expect(page.getByTestId('move-cid').inputValue()).resolves.toBe(second.cid)
  await expect(page.getByTestId('move-record').getAttribute('data-names-it')).resolves.toBe('true')
  await expect(page.getByTestId('move-record').textContent()).resolves.toMatch(new RegExp(`^\\s*${DEV_NAME} \\(ENS, verified at block \\d+\\) names this CID, as the reproducible build of commit ${recordCommit}\\.`))
  // Pasted by hand (with spaces around), the same release.
  await checkRelease(page, ` ${second.cid} `)
  await expect.poll(() => phase(page), { timeout: 90_000, interval: 250 }).toBe('ready')
  await expect(page.getByTestId('move-version').textContent()).resolves.toBe(second.version)
  await expect(page.getByTestId('move-commit').textContent()).resolves.toMatch(/^([0-9a-f]{40}|not stated.*)$/)
  await expect(page.getByTestId('move-verified').textContent()).resolves.toMatch(new RegExp(`^Every block matched the CID \\(\\d+ files, \\d+ blocks, .*\\), from http://localhost:${new URL(gateway.url).port}`))
  await expect(page.getByTestId('move-url').textContent()).resolves.toBe(second.subdomainUrl)
  await expect(page.getByTestId('move-release').textContent()).resolves.toMatch(/new origin with its own, empty storage: a new vault/)
  await page.screenshot({ path: `${shots}/release-move-check.png`, fullPage: true })

  await page.getByTestId('move-password').fill(exportPassword)
  await page.getByTestId('move-password-again').fill(exportPassword)
  await page.getByRole('button', { name: 'Export and open the new release' }).click()

  // The new origin: it checks its own copy first (reloading into the verified files), then asks for the export password.
  await page.waitForURL((url) => url.origin === new URL(second.subdomainUrl).origin, { timeout: 30_000 })
  await page.getByRole('heading', { name: 'Move into this release' }).waitFor({ timeout: 30_000 })
  // The export is out of the address at once (and out of the history entry).
  expect(page.url()).not.toContain('setup=')
  await expect.poll(() => page.getByTestId('move-in').getAttribute('data-ready').catch(() => null), { timeout: 90_000, interval: 250 }).toBe('true')
  expect(page.url()).not.toContain('setup=')
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true)
  // A wrong export password changes nothing.
  await page.getByTestId('move-in-password').fill('not the password')
  await page.getByRole('button', { name: 'Import setup' }).click()
  await page.getByText('Wrong export password, or the file is damaged.').waitFor({ timeout: 30_000 })
  await page.getByTestId('move-in-password').fill(exportPassword)
  await page.getByRole('button', { name: 'Import setup' }).click()

  // The vault arrived: the wallet password of the first copy opens it here.
  await page.getByRole('heading', { name: 'Unlock' }).waitFor({ timeout: 30_000 })
  await page.getByLabel(/password/i).first().fill(walletPassword)
  await page.getByRole('button', { name: 'Unlock' }).click()
  await page.getByRole('heading', { name: 'Home' }).waitFor({ timeout: 30_000 })
  await expect(page.getByTestId('address').textContent()).resolves.toBe(account.address)
  await expect(page.getByTestId('home-network').textContent()).resolves.toMatch(/devnet/)
  await page.locator('[data-verified-balance]').first().waitFor({ timeout: 60_000 })
  expect(new URL(page.url()).origin).toBe(new URL(second.subdomainUrl).origin)
  await page.screenshot({ path: `${shots}/release-moved-home.png`, fullPage: true })
  // About this copy: the new copy runs from its verified files and says which version it is.
  await page.goto(`${second.subdomainUrl}#/about`)
  await expect.poll(() => page.getByTestId('copy-verified').getAttribute('data-running-verified'), { timeout: 30_000 }).toBe('true')
  await expect.poll(() => page.getByTestId('copy-build').textContent(), { timeout: 10_000 }).toMatch(new RegExp(`^\\s*${second.version.replace(/\./g, '\\.')}, .*verified with the copy`))
}, 300_000)

it('a gateway that flips a byte of the new release is caught, and the move is refused', async () => {
  const page = await browser.newPage()
  report(page, 'release-tampered-failure')
  const proxyPort = await tamperingGateway(Buffer.from(second.version))
  await page.goto(`${first.subdomainUrl.replace(/:\d+\//, `:${proxyPort}/`)}#/settings`)
  await page.getByRole('heading', { name: 'Move to a new release' }).waitFor({ timeout: 30_000 })
  await checkRelease(page, second.cid)
  await expect.poll(() => phase(page), { timeout: 90_000, interval: 250 }).toBe('failed')
  await expect(page.getByTestId('move-error').textContent()).resolves.toMatch(/^\s*Refused: a gateway served data that does not match this CID/)
  await expect(page.getByTestId('move-liar').first().textContent()).resolves.toContain(`localhost:${proxyPort}`)
  await expect(page.getByTestId('move-liar').first().textContent()).resolves.toContain('BlockHashMismatchError')
  await expect(page.getByRole('button', { name: 'Export and open the new release' }).count()).resolves.toBe(0)
}, 120_000)
