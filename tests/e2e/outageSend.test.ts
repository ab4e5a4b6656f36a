import type { Page } from 'playwright-core'
import { type Address, bytesToHex, createPublicClient, http, parseEther } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Devnet } from '../../scripts/devnet/startDevnet.ts'
import { ethText } from '../../src/ui/display/format.ts'
import type { TestBrowser } from '../helpers/browser.ts'
import { type FaultProxy, startFaultProxy, tamperJson } from '../helpers/faultProxy.ts'
import { confirmConnectLink } from './confirmConnectLink.ts'
import { devnetChain, dumpOnFailure, shot, useE2e } from './harness.ts'
import type { ServedApp } from './serveApp.ts'

// Issue 7's outage drill with a send, and the lying provider: two beacon APIs and three RPCs
// behind fault proxies; one beacon API and one RPC die mid-session, another RPC lies about
// account proofs. Balances keep verifying from honest data, a send goes through with a verified
// receipt, and Network & trust names the dead and the lying endpoints.

const password = 'outage send pw'
const recipient = '0x00000000000000000000000000000000000ca5e5' as Address
const amount = '0.5'
/** What the lying RPC claims every proven balance is. */
const tamperedWei = 1n

const e2e = useE2e()
let devnet: Devnet
let app: ServedApp
let browser: TestBrowser
let page: Page
let beacons: FaultProxy[]
let rpcs: FaultProxy[]

beforeAll(async () => {
  ;({ devnet, app, browser, page } = e2e)
  beacons = await Promise.all([0, 1].map(() => startFaultProxy({ target: devnet.beaconUrl })))
  rpcs = await Promise.all([0, 1, 2].map(() => startFaultProxy({ target: devnet.rpcUrl })))
}, 120_000)

afterAll(async () => {
  await Promise.all([...(beacons ?? []), ...(rpcs ?? [])].map((p) => p.close()))
})

const snap = (name: string) => shot(page, name)

/** The verified ETH balance on Home (the benchmark markers), or undefined while not verified. */
async function verifiedBalance(): Promise<{ wei: bigint; block: number } | undefined> {
  const marked = page.locator('[data-verified-balance]')
  if ((await marked.count()) !== 1) return undefined
  const [wei, block] = await Promise.all([marked.getAttribute('data-verified-balance'), marked.getAttribute('data-block')])
  return wei && block ? { wei: BigInt(wei), block: Number(block) } : undefined
}

/** Polls Home until the balance is verified at a block of at least `atLeast`. */
async function verifiedAtLeast(atLeast: number): Promise<{ wei: bigint; block: number }> {
  await expect.poll(async () => (await verifiedBalance())?.block ?? -1, { timeout: 30_000, interval: 250 }).toBeGreaterThanOrEqual(atLeast)
  return (await verifiedBalance())!
}

it('kills one beacon API and one RPC and makes another RPC lie mid-session: balances stay verified from honest data, a send goes through, Network & trust names them', async () => {
  dumpOnFailure(page, browser, 'outage-send')
  const chain = devnetChain(devnet)
  const anvil = createPublicClient({ chain, transport: http(devnet.rpcUrl) })
  // The dev mnemonic's account 1, funded at genesis, imported by its private key.
  const account = mnemonicToAccount(devnet.mnemonic, { addressIndex: 1 })
  const privateKey = bytesToHex(account.getHdKey().privateKey!)

  const query = new URLSearchParams({ network: 'devnet', checkpoint: devnet.checkpointRoot })
  for (const b of beacons) query.append('beacon', b.url)
  for (const r of rpcs) query.append('rpc', r.url)
  await confirmConnectLink(page, `${app.subdomainUrl}#/connect?${query}`)
  await page.getByRole('link', { name: 'Import a private key' }).click()
  await page.getByLabel('Private key (64 hex digits)').fill(privateKey)
  await page.getByLabel("Password for this browser's vault").fill(password)
  await page.getByLabel('Repeat the password').fill(password)
  await page.getByRole('button', { name: 'Import' }).click()
  await page.getByRole('heading', { name: 'Home' }).waitFor({ timeout: 30_000 })
  await expect(page.getByTestId('address').textContent()).resolves.toBe(account.address)
  const before = await verifiedAtLeast(0)
  expect(before.wei).toBe(await anvil.getBalance({ address: account.address, blockNumber: BigInt(before.block) }))

  // From here on, record every balance the page ever shows as verified, on any screen: after each
  // batch of DOM changes, the Home marker and the text of every verified amount.
  await page.evaluate(() => {
    const seen = ((window as any).__verifiedSeen = new Set<string>())
    const scan = () => {
      for (const el of document.querySelectorAll('[data-verified-balance]')) seen.add(`wei:${el.getAttribute('data-verified-balance')}`)
      for (const el of document.querySelectorAll('[data-state="verified"] [data-testid="balance-value"]')) seen.add(`text:${el.textContent}`)
    }
    scan()
    new MutationObserver(scan).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true })
  })

  // Outage: the first beacon API and the first RPC die; the second RPC lies about every balance.
  beacons[0].kill()
  rpcs[0].kill()
  rpcs[1].setRules([{ match: ({ requestBody }) => requestBody.includes('eth_getProof'), fault: { kind: 'tamper', transform: tamperJson((json) => {
    for (const answer of Array.isArray(json) ? json : [json]) if (answer.result?.balance) answer.result.balance = `0x${tamperedWei.toString(16)}`
  }) } }])

  // Balances keep refreshing as verified, from honest data only.
  const during = await verifiedAtLeast(before.block + 2)
  expect(during.wei).toBe(await anvil.getBalance({ address: account.address, blockNumber: BigInt(during.block) }))
  await page.getByTestId('liar-banner').waitFor({ timeout: 20_000 })
  await expect(page.getByTestId('liar-banner').textContent()).resolves.toContain(`The RPC at ${new URL(rpcs[1].url).host} served false data`)
  expect(rpcs[1].log.some((r) => r.fault === 'tamper')).toBe(true)
  await snap('outage-send-home-liar')

  // A send still goes through: signed in the page, broadcast to the RPCs left, receipt verified.
  const recipientBefore = await anvil.getBalance({ address: recipient })
  await page.getByRole('link', { name: 'Send', exact: true }).first().click()
  await page.getByLabel('Recipient address').fill(recipient)
  await page.getByLabel('Amount (ETH)').fill(amount)
  await page.getByRole('button', { name: 'Review' }).click()
  await page.getByRole('heading', { name: 'Review' }).waitFor({ timeout: 30_000 })
  await expect(page.getByTestId('review-amount').textContent()).resolves.toBe(`${amount} ETH`)
  await page.getByRole('button', { name: 'Sign and send' }).click()
  await page.getByTestId('receipt-status').waitFor({ timeout: 45_000 })
  const receiptText = (await page.getByTestId('receipt-status').textContent()) ?? ''
  expect(receiptText).toMatch(/^Confirmed: receipt verified in block \d+$/)
  const receiptBlock = Number(/block (\d+)/.exec(receiptText)![1])
  await snap('outage-send-done')
  expect(await anvil.getBalance({ address: recipient })).toBe(recipientBefore + parseEther(amount))
  expect(await anvil.getTransactionCount({ address: account.address, blockNumber: BigInt(receiptBlock) })).toBeGreaterThan(0)

  // Home: verified again at the receipt's block or later, equal to the chain's balance there.
  await page.getByRole('link', { name: 'Home' }).click()
  const after = await verifiedAtLeast(receiptBlock)
  expect(after.block).toBeGreaterThan(during.block)
  expect(after.wei).toBe(await anvil.getBalance({ address: account.address, blockNumber: BigInt(after.block) }))
  expect(after.wei).toBeLessThan(before.wei - parseEther(amount) + 1n)
  await expect(page.getByTestId('balance-value').textContent()).resolves.not.toBe(`${ethText(tamperedWei)} ETH`)
  const seen = await page.evaluate(() => [...((window as any).__verifiedSeen as Set<string>)])
  expect(seen).toContain(`wei:${after.wei}`)
  expect(seen).not.toContain(`wei:${tamperedWei}`)
  // The tampered 1 wei shows as "0 ETH" (six decimals); the account holds thousands of ETH.
  expect(seen).not.toContain(`text:${ethText(tamperedWei)} ETH`)
  expect(seen.some((s) => s.startsWith('text:'))).toBe(true)
  await page.getByTestId('liar-banner').waitFor()
  await snap('outage-send-home-after')

  // Network & trust: the dead endpoints are unreachable, the liar faulty, the rest healthy.
  await page.getByRole('link', { name: 'Network & trust' }).first().click()
  const health = (url: string) => page.locator(`[data-testid="endpoint"][data-url="${url}"] [data-testid="endpoint-health"]`)
  await expect.poll(() => health(beacons[0].url).textContent(), { timeout: 20_000 }).toBe('unreachable')
  await expect.poll(() => health(rpcs[0].url).textContent(), { timeout: 20_000 }).toBe('unreachable')
  await expect.poll(() => health(rpcs[1].url).textContent(), { timeout: 20_000 }).toMatch(/^faulty/)
  // The fault names what the liar got wrong: this account's balance against its proof.
  await expect(page.locator(`[data-testid="endpoint"][data-url="${rpcs[1].url}"] .detail`).textContent()).resolves.toMatch(new RegExp(`balance for ${account.address}`, 'i'))
  await expect(health(beacons[1].url).textContent()).resolves.toBe('healthy')
  await expect(health(rpcs[2].url).textContent()).resolves.toBe('healthy')
  await expect(page.getByTestId('lc-status').textContent()).resolves.toBe('synced')
  await page.getByTestId('liar-banner').waitFor()
  await snap('outage-send-network')
}, 120_000)
