import type { Page } from 'playwright-core'
import { type Address, bytesToHex, createPublicClient, http } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import type { Devnet } from '../../scripts/devnet/startDevnet.ts'
import type { TestBrowser } from '../helpers/browser.ts'
import { type FaultProxy, flipHexByte, startFaultProxy, tamperJson } from '../helpers/faultProxy.ts'
import { confirmConnectLink } from './confirmConnectLink.ts'
import { devnetChain, dumpOnFailure, shot, useE2e, watchAddress } from './harness.ts'
import type { ServedApp } from './serveApp.ts'

// Issue 11, "freshness is part of verified", in Chromium against the devnet: the balance proven at
// the checkpoint while the light client is held from syncing is labelled as at the checkpoint (with
// the checkpoint block's own age, hours); once synced the age counts from the head's timestamp; when
// the only beacon API forges its finality and optimistic updates the head stops, the balance turns
// into "last verified at block N, … ago" in the warning state, and Send refuses to build from it.

const password = 'freshness pw'
const recipient = '0x00000000000000000000000000000000000f4e54' as Address

const e2e = useE2e({ devnets: [{ periods: 2 }] })
let devnet: Devnet
let app: ServedApp
let browser: TestBrowser
let page: Page
let beacon: FaultProxy
let rpc: FaultProxy
let anvil: ReturnType<typeof createPublicClient>
/** Lets a held route go (also when a test fails half-way, so the next one starts from a free proxy). */
let release = () => {}

beforeAll(async () => {
  ;({ devnet, app, browser, page } = e2e)
  beacon = await startFaultProxy({ target: devnet.beaconUrl })
  rpc = await startFaultProxy({ target: devnet.rpcUrl })
  const chain = devnetChain(devnet)
  anvil = createPublicClient({ chain, transport: http(devnet.rpcUrl) })
}, 120_000)

afterEach(() => {
  release()
  beacon?.clear()
})

afterAll(async () => {
  await Promise.all([beacon, rpc].map((p) => p?.close()))
})

const snap = (name: string) => shot(page, name)
const badge = () => page.getByTestId('balance-status').first()
const amountBox = () => page.getByRole('group', { name: 'ETH balance' })

function failureReport(name: string) {
  dumpOnFailure(page, browser, name)
}

/** Polls the balance badge until its text matches one of the patterns; returns the pattern's index and the match. */
/** `accept`: a further condition on the match (a transient badge that matches the pattern but not it is waited past). */
async function badgeMatching(patterns: RegExp[], timeout = 45_000, accept: (match: RegExpExecArray) => boolean = () => true): Promise<{ index: number; match: RegExpExecArray }> {
  let found: { index: number; match: RegExpExecArray } | undefined
  await expect.poll(async () => {
    const text = (await badge().textContent().catch(() => null)) ?? ''
    for (const [index, pattern] of patterns.entries()) {
      const match = pattern.exec(text)
      if (match && accept(match)) return (found = { index, match }) && true
    }
    return text
  }, { timeout, interval: 100 }).toBe(true)
  return found!
}

/** The text of the badge and the page's clock, read together. */
const badgeAndClock = () => badge().evaluate((el) => ({ text: el.textContent ?? '', nowMs: Date.now() }))

/** Opens a #/connect link (confirming it where the app asks) and lands on Welcome. */
async function openLink(url: string) {
  // The shared confirmation waits for the review and its choices (a click before them is lost under load).
  await confirmConnectLink(page, url)
  await page.getByRole('heading', { name: 'Welcome to Latchkey' }).waitFor({ timeout: 30_000 })
}

it('labels the balance proven at the checkpoint as at the checkpoint while syncing, with the checkpoint block\'s own age', async () => {
  failureReport('freshness-checkpoint')
  // Hold the committee hand-overs: the light client has bootstrapped from the checkpoint and cannot move on.
  const held = new Promise<void>((resolve) => (release = resolve))
  beacon.setRules([{ match: /light_client\/updates/, fault: { kind: 'hold', until: held } }])
  const query = new URLSearchParams({ network: 'devnet', checkpoint: devnet.checkpointRoot, beacon: beacon.url, rpc: rpc.url })
  await openLink(`${app.subdomainUrl}#/connect?${query}`)
  await watchAddress(page, devnet.accounts[0])

  const syncing = /^At the checkpoint block (\d+) \((\d+) h ago\), syncing…$/
  // A held request times out after 10 s and the light client reports itself stalled: still the
  // checkpoint, labelled as such (then a reload resumes from the same saved checkpoint and tries again).
  const stalled = /^Last verified at the checkpoint block (\d+), (\d+) h ago$/
  let seen = await badgeMatching([syncing, stalled])
  for (let attempt = 0; seen.index === 1 && attempt < 3; attempt++) {
    await page.reload()
    await page.getByRole('heading', { name: 'Home' }).waitFor({ timeout: 30_000 })
    seen = await badgeMatching([syncing, stalled])
  }
  expect(seen.index).toBe(0)
  await expect(amountBox().getAttribute('data-freshness')).resolves.toBe('syncing')
  // A start that stays behind gets the banner too (a quick one shows its progress in the pill only).
  await expect.poll(() => page.getByTestId('sync-banner').textContent().catch(() => ''), { timeout: 30_000, interval: 200 }).toContain('catching up: numbers are not verified yet')
  await expect(page.getByTestId('balance-note').first().textContent()).resolves.toMatch(/^⚠ ?Not current: the light client is still catching up/)
  // The number is the checkpoint block's balance, and the age is that block's (hours), not the fetch's (seconds).
  const block = BigInt(seen.match[1])
  const header = await anvil.getBlock({ blockNumber: block })
  const { text, nowMs } = await badgeAndClock()
  const hours = Number(syncing.exec(text)![2])
  // (The screen's clock may trail this one by a second or two: at an hour's turn the shown hour is the previous one.)
  expect([Math.floor((nowMs / 1000 - Number(header.timestamp)) / 3600), Math.floor((nowMs / 1000 - 3 - Number(header.timestamp)) / 3600)]).toContain(hours)
  expect(hours).toBeGreaterThanOrEqual(2)
  const marked = amountBox()
  expect(BigInt((await marked.getAttribute('data-verified-balance'))!)).toBe(await anvil.getBalance({ address: devnet.accounts[0], blockNumber: block }))
  await snap('freshness-checkpoint')
}, 150_000)

it('once synced, shows the balance as verified at the head with the age from the header\'s timestamp', async () => {
  failureReport('freshness-current')
  const current = /^Verified at block (\d+), (\d+) s ago$/
  // Read the badge and the page's clock together: the age shown is that clock minus the block's own timestamp.
  let reading = { text: '', nowMs: 0 }
  await expect.poll(async () => current.test((reading = await badgeAndClock()).text), { timeout: 60_000, interval: 100 }).toBe(true)
  await expect(amountBox().getAttribute('data-freshness')).resolves.toBe('current')
  const [, block, age] = current.exec(reading.text)!
  const header = await anvil.getBlock({ blockNumber: BigInt(block) })
  // The screen's clock ticks once a second (later on a busy machine): the age shown trails the true one by at most that.
  const lag = Math.floor(reading.nowMs / 1000 - Number(header.timestamp)) - Number(age)
  expect(lag).toBeGreaterThanOrEqual(0)
  expect(lag).toBeLessThanOrEqual(2)
  expect(await page.getByTestId('balance-note').count()).toBe(0)
  await snap('freshness-current')
}, 150_000)

it('when the only beacon API stops following the chain, and when it forges its finality and optimistic updates, shows "last verified at block N, … ago" as a warning and Send refuses to build from that head', async () => {
  failureReport('freshness-forged')
  // A signing account: the dev mnemonic's account 1, by its private key.
  const account = mnemonicToAccount(devnet.mnemonic, { addressIndex: 1 })
  await page.goto(`${app.subdomainUrl}#/import?kind=privateKey`)
  await page.getByLabel('Private key (64 hex digits)').fill(bytesToHex(account.getHdKey().privateKey!))
  await page.getByLabel("Password for this browser's vault").fill(password)
  await page.getByLabel('Repeat the password').fill(password)
  await page.getByRole('button', { name: 'Import' }).click()
  await page.getByRole('heading', { name: 'Home' }).waitFor({ timeout: 30_000 })
  const switcher = page.getByTestId('account-switcher')
  const option = switcher.locator('option', { hasText: account.address.slice(-6) })
  await switcher.selectOption((await option.getAttribute('value'))!)
  await expect.poll(() => page.getByTestId('address').textContent(), { timeout: 10_000 }).toBe(account.address)
  await badgeMatching([/^Verified at block \d+, \d+ s ago$/], 45_000)
  const stale = /^Last verified at block (\d+), (\d+) (s|min) ago$/

  // A beacon API that stopped following the chain: it serves this moment's (validly signed) heads
  // again and again. Nothing fails verification, the head just stops: stale, then current again once it follows.
  const get = (route: string) => fetch(`${devnet.beaconUrl}/eth/v1/beacon/light_client/${route}`).then((r) => r.text())
  const [finality, optimistic] = await Promise.all([get('finality_update'), get('optimistic_update')])
  beacon.setRules([
    { match: /light_client\/finality_update/, fault: { kind: 'respond', status: 200, body: finality } },
    { match: /light_client\/optimistic_update/, fault: { kind: 'respond', status: 200, body: optimistic } },
  ])
  const frozen = await badgeMatching([stale], 45_000)
  expect(Number(frozen.match[1])).toBeLessThanOrEqual(Number(JSON.parse(optimistic).data.attested_header.execution.block_number))
  await expect(amountBox().getAttribute('data-freshness')).resolves.toBe('stale')
  await expect(page.getByTestId('balance-note').first().textContent()).resolves.toMatch(/^⚠ ?Not current: (the block it was verified at is \d+ s old|the light client is stalled)/)
  await page.getByTestId('sync-banner').filter({ hasText: /newest verified head is from|stalled/ }).waitFor({ timeout: 10_000 })
  await snap('freshness-frozen-home')
  await page.getByRole('link', { name: 'Network & trust' }).first().click()
  await expect.poll(() => page.getByTestId('head-freshness').textContent(), { timeout: 10_000 }).toMatch(/^not current the head's block is from \d+ s ago \(its own timestamp\); current means at most 12 s behind the clock \(4 slots, at least 12 s\)$/)
  await page.getByRole('link', { name: 'Home' }).first().click()
  beacon.clear()
  // Current again, at a newer head: the frozen block itself may briefly read as current (the client
  // follows again before the next head arrives, and that block is still under the 12 s limit).
  const again = await badgeMatching([/^Verified at block (\d+), \d+ s ago$/], 45_000, (m) => Number(m[1]) > Number(frozen.match[1]))
  expect(Number(again.match[1])).toBeGreaterThan(Number(frozen.match[1]))

  // A review built from a current head shows which block it was read at, and how old that block is.
  const nonceBefore = await anvil.getTransactionCount({ address: account.address })
  await page.getByRole('link', { name: 'Send', exact: true }).first().click()
  await page.getByLabel('Recipient address').fill(recipient)
  await page.getByLabel('Amount (ETH)').fill('0.1')
  await page.getByRole('button', { name: 'Review' }).click()
  await page.getByRole('heading', { name: 'Review' }).waitFor({ timeout: 30_000 })
  await expect(page.getByTestId('review-read-at').textContent()).resolves.toMatch(/^verified block \d+, \d+ s ago$/)

  // Now the only beacon API forges its updates (a flipped byte in the sync committee's signature): refused, the head stops.
  const forge = tamperJson((json) => {
    json.data.sync_aggregate.sync_committee_signature = flipHexByte(json.data.sync_aggregate.sync_committee_signature, 40)
  })
  beacon.setRules([
    { match: /light_client\/finality_update/, fault: { kind: 'tamper', transform: forge } },
    { match: /light_client\/optimistic_update/, fault: { kind: 'tamper', transform: forge } },
  ])
  await expect.poll(() => page.getByTestId('sync-status').textContent(), { timeout: 45_000, interval: 200 }).toMatch(/Head not current|Stalled/)
  expect(beacon.log.some((r) => r.fault === 'tamper')).toBe(true)
  // The review was built while the head was current; signing it now is refused, with the reason (the typed error).
  const refusal = /^Refused: The newest verified head, block \d+ \(slot \d+\), is (\d+\.\d s|\d+ min) old(( \(the light client is stalled\))?, past the limit of 12 s| \(the light client is stalled\))\. Nonce, balance and fees from it would be stale/
  await page.getByRole('button', { name: 'Sign and send' }).click()
  const signAlert = page.getByRole('alert').filter({ hasText: 'Refused' })
  await signAlert.waitFor({ timeout: 10_000 })
  await expect(signAlert.textContent()).resolves.toMatch(refusal)
  await page.getByRole('heading', { name: 'Review' }).waitFor()
  // Back to the form: paused, and Review is refused too; nothing built or signed.
  await page.getByRole('button', { name: 'Edit' }).click()
  await page.getByTestId('send-not-current').waitFor({ timeout: 10_000 })
  await expect(page.getByTestId('send-not-current').textContent()).resolves.toMatch(/Sending is paused: .* nonce, balance and fees from block \d+, verified \d+ (s|min) ago\./)
  await page.getByRole('button', { name: 'Review' }).click()
  const alert = page.getByRole('alert').filter({ hasText: 'Refused' })
  await alert.waitFor({ timeout: 10_000 })
  await expect(alert.textContent()).resolves.toMatch(refusal)
  expect(await page.getByRole('heading', { name: 'Review' }).count()).toBe(0)
  await snap('freshness-stale-send')
  expect(await anvil.getTransactionCount({ address: account.address })).toBe(nonceBefore)

  // Home: the balance reads "last verified at block N, … ago" in the warning state.
  await page.getByRole('link', { name: 'Home' }).first().click()
  const { match } = await badgeMatching([stale], 45_000)
  const box = amountBox()
  await expect(box.getAttribute('data-freshness')).resolves.toBe('stale')
  // Not only colour: the words say it, and the frame changes.
  await expect(page.getByTestId('balance-note').first().textContent()).resolves.toMatch(/^⚠ ?Not current: /)
  await expect(box.evaluate((el) => getComputedStyle(el).borderStyle)).resolves.toBe('dashed')
  // The value stays the last verified one, at that block: the age keeps growing from its header, no new head arrives.
  const block = BigInt(match[1])
  expect(BigInt((await box.getAttribute('data-verified-balance'))!)).toBe(await anvil.getBalance({ address: account.address, blockNumber: block }))
  const header = await anvil.getBlock({ blockNumber: block })
  const firstAge = match[3] === 's' ? Number(match[2]) : Number(match[2]) * 60
  await expect.poll(async () => {
    const { text, nowMs } = await badgeAndClock()
    return nowMs / 1000 - Number(header.timestamp) > firstAge + 2 && stale.exec(text)?.[1] === match[1] && text
  }, { timeout: 30_000, interval: 200 }).toMatch(stale)
  const { text, nowMs } = await badgeAndClock()
  const [, shownBlock, age, unit] = stale.exec(text)!
  expect(shownBlock).toBe(match[1])
  expect(unit).toBe('s')
  expect(Number(age)).toBeGreaterThan(firstAge)
  const lag = Math.floor(nowMs / 1000 - Number(header.timestamp)) - Number(age)
  expect(lag).toBeGreaterThanOrEqual(0)
  expect(lag).toBeLessThanOrEqual(2)
  await snap('freshness-stale-home')
}, 150_000)
