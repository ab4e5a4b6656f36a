import type { Page } from 'playwright-core'
import { createTestClient, http, parseEther } from 'viem'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Devnet } from '../../scripts/devnet/startDevnet.ts'
import { builtInNetworks } from '../../src/lib/trust/builtInNetworks.ts'
import type { NetworkSettings, SettingsData } from '../../src/lib/settings/settingsData.ts'
import type { TestBrowser } from '../helpers/browser.ts'
import { rewriteAnvilState } from '../helpers/devnet.ts'
import { type FaultProxy, startFaultProxy } from '../helpers/faultProxy.ts'
import { confirmConnectLink } from './confirmConnectLink.ts'
import { dumpOnFailure, shot, useE2e } from './harness.ts'
import type { ServedApp } from './serveApp.ts'

// Two devnets: A is the wallet's own; B is another chain whose anvil says the dev account holds
// 4242 ETH, offered by crafted links as "mainnet" and as "devnet".
const password = 'links test password'
// B runs 2-second slots: another chain config and genesis time than A's.
const e2e = useE2e({ devnets: [{}, { secondsPerSlot: 2, seed: 'devnet B' }] })
let a: Devnet
let b: Devnet
let bBeacon: FaultProxy
let app: ServedApp
let browser: TestBrowser
let page: Page

beforeAll(async () => {
  ;[a, b] = e2e.devnets
  ;({ app, browser, page } = e2e)
  // In front of B's beacon API, to see who asks it for what.
  bBeacon = await startFaultProxy({ target: b.beaconUrl })
  await rewriteAnvilState(b.rpcUrl, () => createTestClient({ mode: 'anvil', transport: http(b.rpcUrl) }).setBalance({ address: b.accounts[0], value: parseEther('4242') }))
})

afterAll(async () => {
  await bBeacon?.close()
})

const linkTo = (params: Record<string, string>) => `${app.subdomainUrl}#/connect?${new URLSearchParams(params)}`
const crafted = (network: string) => linkTo({ network, beacon: bBeacon.url, rpc: b.rpcUrl, checkpoint: b.checkpointRoot })
const settings = async () => JSON.parse((await page.evaluate(() => localStorage.getItem('latchkey.settings.v1')))!) as SettingsData
const networkOf = (data: SettingsData, id: string) => data.networks.find((n) => n.id === id) as NetworkSettings
const header = () => page.locator('header [data-network-kind]')

/** Home's verified balance (wei) and how the network is named there, once verified. */
async function home(): Promise<{ wei: bigint; network: string; header: string }> {
  await page.getByRole('link', { name: 'Home' }).first().click()
  const marked = page.locator('[data-verified-balance]')
  await marked.waitFor({ timeout: 45_000 })
  return { wei: BigInt((await marked.getAttribute('data-verified-balance'))!), network: (await page.getByTestId('home-network').textContent())!, header: (await header().textContent())! }
}

/** Home shows `wei` verified (after a network switch the first value may still be on its way). */
async function homeShows(wei: bigint): Promise<{ network: string; header: string }> {
  await page.getByRole('link', { name: 'Home' }).first().click()
  const marked = page.locator(`[data-verified-balance="${wei}"]`)
  await marked.waitFor({ timeout: 45_000 })
  return { network: (await page.getByTestId('home-network').textContent())!, header: (await header().textContent())! }
}

it('with an unlocked wallet, crafted links for mainnet and devnet change nothing until confirmed; a confirmed custom network is new and visibly custom, mainnet untouched', async () => {
  dumpOnFailure(page, browser, 'links')
  // The wallet on devnet A, as npm start's link sets it up: one confirmation, then the dev mnemonic.
  await expect(confirmConnectLink(page, linkTo({ network: 'devnet', beacon: a.beaconUrl, rpc: a.rpcUrl, checkpoint: a.checkpointRoot }))).resolves.toBe('Add network')
  await page.getByRole('link', { name: 'Import a recovery phrase' }).click()
  await page.getByLabel('Recovery phrase (12 to 24 words)').fill(a.mnemonic)
  await page.getByLabel("Password for this browser's vault").fill(password)
  await page.getByLabel('Repeat the password').fill(password)
  await page.getByRole('button', { name: 'Import' }).click()
  await page.getByRole('heading', { name: 'Home' }).waitFor({ timeout: 30_000 })
  const before = await home()
  expect(before.wei).toBe(parseEther('10000'))
  expect(before.header).toBe('devnet custom network')
  expect(before.network).toBe(`On devnet custom network · chain id ${a.chainId}`)
  const saved = await settings()
  expect(saved.networkId).toBe('devnet')
  const mainnetBefore = networkOf(saved, 'mainnet')
  // While a review is shown and after it is cancelled: the same settings, network and verified balance.
  const unchangedAfterCancel = async () => {
    expect(await settings()).toEqual(saved)
    await expect(header().textContent()).resolves.toBe('devnet custom network')
    await page.getByRole('button', { name: 'Cancel' }).click()
    expect(await home()).toEqual(before)
    expect(await settings()).toEqual(saved)
  }

  // 1. network=mainnet with B's endpoints and checkpoint: a review of the build's mainnet, nothing changed.
  await page.goto(crafted('mainnet'))
  await page.getByRole('heading', { name: 'Review this link' }).waitFor()
  await expect(page.getByTestId('review-network-name').textContent()).resolves.toBe('Ethereum mainnet')
  await expect(page.getByTestId('review-chain-id').textContent()).resolves.toBe('1')
  await expect(page.getByTestId('review-gvr').textContent()).resolves.toBe(builtInNetworks[0].genesisValidatorsRoot)
  await expect(page.getByTestId('review-checkpoint').textContent()).resolves.toBe(b.checkpointRoot)
  await expect(page.getByTestId('trust-checkpoint').isChecked()).resolves.toBe(false)
  await shot(page, `links-review-mainnet`)
  // The build's config is shown: B's beacon API was not asked for its config (or anything else).
  expect(bBeacon.log).toEqual([])
  await unchangedAfterCancel()

  // 2. network=devnet with B's endpoints: B's config is read and compared with the devnet set up now; nothing changed.
  await page.goto(crafted('devnet'))
  await page.getByRole('heading', { name: 'Review this link' }).waitFor()
  await page.getByTestId('review-differences').waitFor({ timeout: 30_000 })
  await expect(page.getByTestId('review-network-name').textContent()).resolves.toBe('devnet-2')
  await expect(page.locator('#custom-title [data-network-kind]').textContent()).resolves.toBe('devnet-2 custom network')
  const differences = await page.getByTestId('review-differences').innerText()
  expect(differences).toContain(`genesis time\t${a.genesisTime}\t${b.genesisTime}`)
  expect(differences).toContain('SECONDS_PER_SLOT\t1\t2')
  expect(differences).toContain(`checkpoint\t${a.checkpointRoot}\t${b.checkpointRoot}`)
  await page.getByRole('button', { name: 'Add as a new network (devnet-2)' }).waitFor()
  await page.getByRole('button', { name: 'Update devnet' }).waitFor()
  await shot(page, `links-review-devnet`)
  await unchangedAfterCancel()

  // 3. The same link, confirmed as a new network: devnet-2 (custom, B's balance); devnet A and mainnet untouched.
  await page.goto(crafted('devnet'))
  await page.getByRole('button', { name: 'Add as a new network (devnet-2)' }).click()
  const onB = await homeShows(parseEther('4242'))
  expect(onB).toEqual({ header: 'devnet-2 custom network', network: `On devnet-2 custom network · chain id ${b.chainId}` })
  const after = await settings()
  expect(after.networkId).toBe('devnet-2')
  expect(networkOf(after, 'mainnet')).toEqual(mainnetBefore)
  expect(networkOf(after, 'devnet')).toEqual(networkOf(saved, 'devnet'))
  expect(networkOf(after, 'devnet-2')).toMatchObject({ kind: 'custom', name: 'devnet-2', chainId: b.chainId, genesisTime: b.genesisTime, beaconApis: [bBeacon.url], rpcs: [b.rpcUrl], checkpoint: b.checkpointRoot })
  // Named as custom on every screen that names it.
  await page.getByRole('link', { name: 'Network & trust' }).first().click()
  await expect(page.locator('dd [data-network-kind]').first().textContent()).resolves.toBe('devnet-2 custom network')
  await page.getByRole('link', { name: 'Settings' }).first().click()
  await expect(page.getByLabel(/Active network/).locator('option:checked').textContent()).resolves.toBe('devnet-2 (custom network)')
  await expect(page.getByLabel(/Active network/).locator('option').allTextContents()).resolves.toEqual(['Ethereum mainnet', 'Sepolia', 'Hoodi', 'devnet (custom network)', 'devnet-2 (custom network)'])
  await page.getByRole('link', { name: 'Send', exact: true }).first().click()
  await page.getByLabel('Recipient address').fill(a.accounts[1])
  await page.getByLabel('Amount (ETH)').fill('1')
  await page.getByRole('button', { name: 'Review' }).click()
  await page.getByRole('heading', { name: 'Review' }).waitFor({ timeout: 30_000 })
  await expect(page.getByTestId('review-network').textContent()).resolves.toBe(`devnet-2 custom network · chain id ${b.chainId}`)
  await shot(page, `links-send-review-custom`)
  await page.getByRole('button', { name: 'Edit' }).click()

  // 4. The mainnet link, confirmed: only its endpoints join mainnet; its identity and checkpoint stay the build's and the user's.
  await page.goto(crafted('mainnet'))
  await page.getByRole('button', { name: 'Confirm' }).click()
  const last = await settings()
  expect(networkOf(last, 'mainnet')).toEqual({
    ...mainnetBefore,
    beaconApis: [...mainnetBefore.beaconApis, bBeacon.url],
    rpcs: [...mainnetBefore.rpcs, b.rpcUrl],
    userEndpoints: { beaconApis: true, rpcs: true },
  })
  expect(networkOf(last, 'mainnet').checkpoint).toBeUndefined()
  expect(last.networkId).toBe('devnet-2')
  expect(browser.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([])
}, 240_000)

it('with a locked vault, a link asks for the unlock first and opens its review after it', async () => {
  dumpOnFailure(page, browser, 'links-locked')
  await page.getByRole('button', { name: 'Lock' }).click()
  await page.getByRole('heading', { name: 'Unlock' }).waitFor()
  const saved = await settings()
  await page.goto(linkTo({ network: 'devnet', beacon: a.beaconUrl, rpc: a.rpcUrl, checkpoint: a.checkpointRoot }))
  await page.getByTestId('unlock-for-link').waitFor()
  await expect(page.getByRole('heading', { name: 'Review this link' }).count()).resolves.toBe(0)
  expect(await settings()).toEqual(saved)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Unlock' }).click()
  // The link is devnet A exactly as set up: the review offers only to switch back to it.
  await page.getByRole('heading', { name: 'Review this link' }).waitFor({ timeout: 30_000 })
  expect(await settings()).toEqual(saved)
  await page.getByRole('button', { name: 'Use devnet' }).click()
  expect(await homeShows(parseEther('10000'))).toEqual({ header: 'devnet custom network', network: `On devnet custom network · chain id ${a.chainId}` })
  expect((await settings()).networkId).toBe('devnet')
}, 120_000)

it('refuses malformed links with an error naming the problem, and sends networks typed in Settings through the same review', async () => {
  dumpOnFailure(page, browser, 'links-errors')
  const saved = await settings()
  const refused = async (query: string, message: string) => {
    await page.goto(`${app.subdomainUrl}#/connect?${query}`)
    await expect(page.getByTestId('connect-error').textContent({ timeout: 30_000 })).resolves.toContain(message)
    expect(await settings()).toEqual(saved)
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('heading', { name: 'Home' }).waitFor()
  }
  const beacon = encodeURIComponent(a.beaconUrl)
  await refused(`network=devnet&beacon=${beacon}&chainConfig=x`, 'a parameter this copy does not know: "chainConfig"')
  await refused(`network=devnet&network=mainnet&beacon=${beacon}`, 'gives "network" more than once')
  await refused(`network=devnet&beacon=${beacon}&beacon=${beacon}/`, `names the same beacon API twice: ${a.beaconUrl}.`)
  await refused(`network=devnet&beacon=${encodeURIComponent('http://user:pw@127.0.0.1:1')}`, 'carries a user name or password')
  await refused(`network=devnet&beacon=${encodeURIComponent('javascript:alert(1)')}`, 'javascript: is not http or https')
  await refused(`network=devnet&beacon=${beacon}&checkpoint=0x1234`, 'is not a 32-byte block root')
  await refused(`network=mainnet`, 'can only add endpoints or a checkpoint')

  // Typed in Settings: the same review, nothing added until confirmed; a built-in's name is refused.
  await page.getByRole('link', { name: 'Settings' }).first().click()
  await page.getByLabel('Name', { exact: true }).fill('Ethereum mainnet')
  await page.getByLabel('Beacon API').fill(bBeacon.url)
  await page.getByRole('button', { name: 'Review network' }).click()
  await expect(page.getByTestId('connect-error').textContent({ timeout: 30_000 })).resolves.toContain('"Ethereum mainnet" is not a network name this copy accepts')
  await page.getByRole('link', { name: 'Settings' }).first().click()
  await page.getByLabel('Name', { exact: true }).fill('lab')
  await page.getByLabel('Beacon API').fill(bBeacon.url)
  await page.getByLabel('Execution RPC').fill(b.rpcUrl)
  await page.getByRole('button', { name: 'Review network' }).click()
  await page.getByRole('heading', { name: 'Review this link' }).waitFor()
  await expect(page.getByTestId('review-network-name').textContent({ timeout: 30_000 })).resolves.toBe('lab')
  await page.getByRole('button', { name: 'Add network' }).waitFor()
  expect(await settings()).toEqual(saved)
  await page.getByRole('button', { name: 'Cancel' }).click()
  expect(await settings()).toEqual(saved)
}, 120_000)
