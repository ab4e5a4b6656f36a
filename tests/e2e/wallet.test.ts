import { type Address, createPublicClient, createWalletClient, http, parseEther } from 'viem'
import { expect, it } from 'vitest'
import { confirmConnectLink } from './confirmConnectLink.ts'
import { connectLink, devnetChain, dumpOnFailure, shot, useE2e } from './harness.ts'

const e2e = useE2e()

const password = 'correct horse battery'
const recipient = '0x000000000000000000000000000000000000bEEF' as Address

it('creates a wallet, receives and sends ETH with verified balances and receipt, locks, and re-imports after a reset', async () => {
  const { devnet, app, browser, page } = e2e
  dumpOnFailure(page, browser, 'wallet')
  expect(app.subdomainUrl).toContain('.ipfs.localhost')
  await confirmConnectLink(page, connectLink(app, devnet))
  await page.getByRole('heading', { name: 'Welcome to Latchkey' }).waitFor()
  await expect(page.getByTestId('network-name').textContent()).resolves.toBe('devnet')
  await expect(page.locator('header [data-network-kind]').textContent()).resolves.toBe('devnet custom network')
  // The benchmark's markers: the sync status is always on the page.
  await expect(page.locator('[data-sync-status]').getAttribute('data-sync-status')).resolves.toMatch(/^(bootstrapping|syncing|synced|stalled|error)$/)
  await shot(page, 'welcome')

  // Create, with the backup check.
  await page.getByRole('link', { name: 'Create a new wallet' }).click()
  // The phrase appears once the BIP-39 code has loaded (lazily, with the screen).
  await page.getByTestId('mnemonic-word').first().waitFor()
  const words = await page.getByTestId('mnemonic-word').allTextContents()
  expect(words).toHaveLength(12)
  await shot(page, 'create-words')
  await page.getByLabel('I wrote the words down').check()
  await page.getByRole('button', { name: 'Continue to the backup check' }).click()
  const labels = await page.locator('form label').allTextContents()
  // A wrong answer is refused.
  const first = Number(labels[0].replace(/\D/g, ''))
  await page.getByLabel(`Word ${first}`, { exact: true }).fill('wrong')
  await page.getByRole('button', { name: 'Check' }).click()
  await page.getByRole('alert').waitFor()
  for (const label of labels) {
    const n = Number(label.replace(/\D/g, ''))
    await page.getByLabel(`Word ${n}`, { exact: true }).fill(words[n - 1])
  }
  await page.getByRole('button', { name: 'Check' }).click()
  await page.getByLabel("Password for this browser's vault").fill(password)
  await page.getByLabel('Repeat the password').fill(password)
  await page.getByRole('button', { name: 'Create wallet' }).click()
  await page.getByRole('heading', { name: 'Home' }).waitFor({ timeout: 30_000 })
  const address = (await page.getByTestId('address').textContent()) as Address

  // Receive 1 ETH from a devnet account: shown only once verified.
  const chain = devnetChain(devnet)
  const funder = createWalletClient({ chain, transport: http(devnet.rpcUrl) })
  const anvil = createPublicClient({ chain, transport: http(devnet.rpcUrl) })
  await funder.sendTransaction({ account: devnet.accounts[0], to: address, value: parseEther('1') })
  const status = page.getByTestId('balance-status')
  await page.getByTestId('balance-value').filter({ hasText: /^1 ETH$/ }).waitFor({ timeout: 45_000 })
  await expect(status.textContent()).resolves.toMatch(/^Verified at block \d+, \d+ s ago$/)
  await page.locator('[data-sync-status="synced"]').waitFor()
  const marked = page.locator('[data-verified-balance]')
  await expect.poll(() => marked.getAttribute('data-verified-balance')).toBe(parseEther('1').toString())
  const shownBlock = /block (\d+)/.exec((await status.textContent()) ?? '')?.[1]
  expect(Number(await marked.getAttribute('data-block'))).toBeGreaterThanOrEqual(Number(shownBlock))
  await shot(page, 'home')

  // Send 0.25 ETH; the receipt is verified, both balances change.
  await page.getByRole('link', { name: 'Send', exact: true }).first().click()
  await page.getByLabel('Recipient address').fill(recipient)
  await page.getByLabel('Amount (ETH)').fill('0.25')
  await page.getByRole('button', { name: 'Review' }).click()
  await page.getByRole('heading', { name: 'Review' }).waitFor({ timeout: 30_000 })
  await expect(page.getByTestId('review-amount').textContent()).resolves.toBe('0.25 ETH')
  // The balance-change preview, computed in the page's EVM over proven state before anything is signed.
  await page.locator('[data-testid="balance-preview"][data-preview-status="ready"]').waitFor({ timeout: 30_000 })
  await expect(page.getByTestId('preview-change').allTextContents()).resolves.toEqual(['You: −0.25 ETH', `${recipient.toLowerCase().slice(0, 8)}…${recipient.toLowerCase().slice(-6)}: +0.25 ETH`])
  await shot(page, 'send-review')
  await page.getByRole('button', { name: 'Sign and send' }).click()
  await page.getByTestId('receipt-status').waitFor({ timeout: 45_000 })
  await expect(page.getByTestId('receipt-status').textContent()).resolves.toMatch(/^Confirmed: receipt verified in block \d+$/)
  await expect(page.getByTestId('receipt-age').textContent()).resolves.toMatch(/^Block \d+ is from \d+ s ago \(its own timestamp\)\.$/)
  await shot(page, 'send-done')
  expect(await anvil.getBalance({ address: recipient })).toBe(parseEther('0.25'))
  await page.getByRole('link', { name: 'Home' }).click()
  await page.getByTestId('balance-value').filter({ hasText: /^0\.74/ }).waitFor({ timeout: 30_000 })
  await expect(status.textContent()).resolves.toMatch(/^Verified at block/)

  // Receive, Activity, Network & trust render.
  await page.getByRole('link', { name: 'Receive' }).first().click()
  await page.getByTestId('qr').waitFor()
  await shot(page, 'receive')
  await page.getByRole('link', { name: 'Activity' }).first().click()
  await page.getByTestId('activity-item').filter({ hasText: /Confirmed \(receipt verified\) in block \d+, \d+ (s|min) ago/ }).waitFor()
  await shot(page, 'activity')
  await page.getByRole('link', { name: 'Network & trust' }).first().click()
  await expect(page.getByTestId('lc-status').textContent()).resolves.toBe('synced')
  // The light client (BLS work included) runs in the module worker, not on the page.
  await expect(page.getByTestId('lc-runs-in').textContent()).resolves.toBe('a background worker')
  await shot(page, 'network')

  // Lock; a wrong password is refused; the right one opens it.
  await page.getByRole('button', { name: 'Lock' }).click()
  await page.getByRole('heading', { name: 'Unlock' }).waitFor()
  await page.getByLabel('Password').fill('not the password')
  await page.getByRole('button', { name: 'Unlock' }).click()
  await expect(page.getByTestId('unlock-error').textContent()).resolves.toBe('Wrong password.')
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Unlock' }).click()
  await page.getByRole('heading', { name: 'Home' }).waitFor({ timeout: 30_000 })

  // Reset, then import the same phrase: the same account comes back.
  await page.getByRole('link', { name: 'Settings' }).click()
  await shot(page, 'settings')
  await page.getByRole('button', { name: 'Reset…' }).click()
  await page.getByRole('button', { name: 'Yes, delete everything here' }).click()
  await page.getByRole('heading', { name: 'Welcome to Latchkey' }).waitFor()
  // Reset also forgot the devnet: connect again.
  await confirmConnectLink(page, connectLink(app, devnet))
  await page.getByRole('link', { name: 'Import a recovery phrase' }).click()
  await page.getByLabel('Recovery phrase (12 to 24 words)').fill(words.join(' '))
  await page.getByLabel("Password for this browser's vault").fill(password)
  await page.getByLabel('Repeat the password').fill(password)
  await page.getByRole('button', { name: 'Import' }).click()
  await page.getByRole('heading', { name: 'Home' }).waitFor({ timeout: 30_000 })
  await expect(page.getByTestId('address').textContent()).resolves.toBe(address)
  await page.getByTestId('balance-value').filter({ hasText: /^0\.74/ }).waitFor({ timeout: 30_000 })
  expect(browser.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([])
}, 150_000)
