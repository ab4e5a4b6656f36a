import { mkdir } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { type Address, getAddress, createPublicClient, createWalletClient, defineChain, erc20Abi, http, parseEther } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, expect, it, onTestFailed } from 'vitest'
import { deployContract } from '../../scripts/contracts/deployContract.ts'
import type { Devnet } from '../../scripts/devnet/startDevnet.ts'
import { type TestBrowser, launchBrowser } from '../helpers/browser.ts'
import { startTestDevnet } from '../helpers/devnet.ts'
import { confirmConnectLink } from './confirmConnectLink.ts'
import { type ServedApp, serveApp } from './serveApp.ts'

const shots = '.scratch/screenshots'
const password = 'correct horse battery'
let devnet: Devnet
let app: ServedApp
let browser: TestBrowser
let page: Page
let owner: Address
let anvil: ReturnType<typeof createPublicClient>

beforeAll(async () => {
  ;[devnet, app, browser] = (await Promise.all([startTestDevnet(), serveApp(), launchBrowser(), mkdir(shots, { recursive: true })])) as [Devnet, ServedApp, TestBrowser, unknown]
  page = await browser.newPage()
  const chain = defineChain({ id: devnet.chainId, name: 'devnet', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [devnet.rpcUrl] } } })
  anvil = createPublicClient({ chain, transport: http(devnet.rpcUrl) })
  const privateKey = generatePrivateKey()
  owner = privateKeyToAccount(privateKey).address
  const hash = await createWalletClient({ chain, transport: http(devnet.rpcUrl) }).sendTransaction({ account: devnet.accounts[0], to: owner, value: parseEther('2') })
  await anvil.waitForTransactionReceipt({ hash, pollingInterval: 100 })

  const connect = new URLSearchParams({ network: 'devnet', beacon: devnet.beaconUrl, rpc: devnet.rpcUrl, checkpoint: devnet.checkpointRoot })
  await confirmConnectLink(page, `${app.subdomainUrl}#/connect?${connect}`)
  await page.getByRole('link', { name: 'Import a private key' }).click()
  await page.getByLabel('Private key (64 hex digits)').fill(privateKey)
  await page.getByLabel("Password for this browser's vault").fill(password)
  await page.getByLabel('Repeat the password').fill(password)
  await page.getByRole('button', { name: 'Import' }).click()
  await page.getByRole('heading', { name: 'Home' }).waitFor({ timeout: 30_000 })
  await page.getByRole('group', { name: 'ETH balance' }).getByTestId('balance-value').filter({ hasText: /^2 ETH$/ }).waitFor({ timeout: 45_000 })
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await app?.close()
  await devnet?.stop()
})

const failureReport = (name: string) =>
  onTestFailed(async () => {
    console.error('page text:\n', await page.locator('body').innerText().catch(() => '?'), '\nbrowser errors:\n', browser.errors.join('\n'))
    await page.screenshot({ path: `${shots}/${name}-failure.png`, fullPage: true }).catch(() => undefined)
  })

/** Signs the open review and waits for its verified receipt; back to the contract screen after. */
async function signAndConfirm(): Promise<void> {
  await page.getByRole('button', { name: 'Sign and send' }).click()
  await page.getByTestId('receipt-status').waitFor({ timeout: 45_000 })
  await expect(page.getByTestId('receipt-status').textContent()).resolves.toMatch(/^Confirmed: receipt verified in block \d+$/)
  await page.getByRole('button', { name: 'Back to the contract' }).click()
}

it('reads a pasted contract by verified calls, writes through the review, and unwraps WETH with the built-in action', async () => {
  failureReport('contract')
  const weth = await deployContract({ rpcUrl: devnet.rpcUrl, file: 'RescueTargets.sol', contract: 'TestWeth' }).then((d) => ({ ...d, address: getAddress(d.address) }))
  await page.getByRole('link', { name: 'Contract', exact: true }).click()
  await page.getByRole('heading', { name: 'Contract', level: 1 }).waitFor()
  const loader = page.getByRole('form', { name: 'Load a contract' })

  // Bad input is refused by name, and nothing is loaded.
  await page.getByLabel('Contract address').fill(weth.address)
  await page.getByLabel('ABI').fill('function balanceOf(address owner) view returns (uint256)\nfunction deposit( payable')
  await page.getByRole('button', { name: 'Load contract' }).click()
  await expect.poll(() => loader.getByTestId('contract-error').textContent()).toMatch(/^The ABI could not be read \(line 2\): Unknown signature/)
  await page.getByLabel('Contract address').fill(weth.address.toLowerCase().replace('0x', '0X'))
  await page.getByLabel('ABI').fill('function balanceOf(address owner) view returns (uint256)')
  await page.getByRole('button', { name: 'Load contract' }).click()
  await expect.poll(() => loader.getByTestId('contract-error').textContent()).toMatch(/address/i)

  await page.getByLabel('Contract address').fill(weth.address)
  await page.getByLabel('ABI').fill(['function symbol() view returns (string)', 'function balanceOf(address owner) view returns (uint256)', 'function deposit() payable', 'function withdraw(uint256 wad)'].join('\n'))
  await page.getByRole('button', { name: 'Load contract' }).click()
  await expect.poll(() => page.getByTestId('contract-code').textContent(), { timeout: 30_000 }).toMatch(/contract code verified at block \d+/)

  // A read: run locally over proven state, shown with its block.
  const symbol = page.getByRole('form', { name: 'symbol()' })
  await symbol.getByRole('button', { name: 'Read' }).click()
  await expect.poll(() => symbol.getByTestId('read-value').textContent(), { timeout: 30_000 }).toBe('WETH')
  await expect.poll(() => symbol.getByTestId('read-status').textContent(), { timeout: 30_000 }).toMatch(/^Verified at block \d+, \d+ s ago$/)

  // A write: deposit 0.5 ETH through the review (decoded with the pasted ABI, previewed), signed, verified.
  const deposit = page.getByRole('form', { name: 'deposit()' })
  await deposit.getByLabel('ETH to send with the call').fill('0.5')
  await deposit.getByRole('button', { name: 'Review transaction' }).click()
  await page.getByRole('heading', { name: 'Review' }).waitFor({ timeout: 30_000 })
  await expect(page.getByTestId('review-to').textContent()).resolves.toBe(weth.address)
  // While the review is open the forms are hidden (kept as typed, for Edit).
  expect(await loader.isVisible()).toBe(false)
  await expect(page.getByTestId('review-amount').textContent()).resolves.toBe('0.5 ETH')
  await expect(page.getByTestId('review-function').textContent()).resolves.toBe('deposit()')
  await expect(page.getByTestId('review-call').textContent()).resolves.toContain('decoded with your ABI')
  await page.locator('[data-testid="balance-preview"][data-preview-status="ready"]').waitFor({ timeout: 30_000 })
  await expect(page.getByTestId('preview-change').allTextContents()).resolves.toEqual(expect.arrayContaining(['You: −0.5 ETH', `You: +500000000000000000 units of token ${weth.address.toLowerCase().slice(0, 8)}…${weth.address.toLowerCase().slice(-6)}`]))
  await page.screenshot({ path: `${shots}/contract-review.png`, fullPage: true })
  await signAndConfirm()
  expect(await anvil.readContract({ address: weth.address, abi: erc20Abi, functionName: 'balanceOf', args: [owner] })).toBe(parseEther('0.5'))

  // The read of our balance now says 0.5 WETH, verified at a block after the deposit.
  const balanceOf = page.getByRole('form', { name: 'balanceOf(address)' })
  await balanceOf.getByLabel('owner (address)').fill(owner)
  await balanceOf.getByRole('button', { name: 'Read' }).click()
  await expect.poll(() => balanceOf.getByTestId('read-value').textContent(), { timeout: 30_000 }).toBe('500000000000000000')

  // The built-in unwrap (the devnet has no WETH in the build: its address is typed).
  const rescue = page.getByRole('form', { name: 'Rescue actions' })
  await rescue.getByLabel('Action').selectOption('weth-unwrap')
  await rescue.getByLabel('WETH contract').fill(weth.address)
  await rescue.getByLabel('Amount (WETH)').fill('0.2')
  await rescue.getByRole('button', { name: 'Review transaction' }).click()
  await page.getByRole('heading', { name: 'Review' }).waitFor({ timeout: 30_000 })
  await expect(page.getByTestId('review-function').textContent()).resolves.toBe('withdraw(uint256)')
  await expect(page.getByTestId('review-arg').allTextContents()).resolves.toEqual(['200000000000000000'])
  await page.locator('[data-testid="balance-preview"][data-preview-status="ready"]').waitFor({ timeout: 30_000 })
  await expect(page.getByTestId('preview-change').allTextContents()).resolves.toEqual(expect.arrayContaining(['You: +0.2 ETH']))
  await signAndConfirm()
  expect(await anvil.readContract({ address: weth.address, abi: erc20Abi, functionName: 'balanceOf', args: [owner] })).toBe(parseEther('0.3'))

  // A write that reverts is refused with its reason before anything is signed.
  const reverter = await deployContract({ rpcUrl: devnet.rpcUrl, file: 'RescueTargets.sol', contract: 'TestReverter' })
  await page.getByLabel('Contract address').fill(reverter.address)
  await page.getByLabel('ABI').fill(JSON.stringify(reverter.abi))
  await page.getByRole('button', { name: 'Load contract' }).click()
  await expect.poll(() => page.getByTestId('contract-code').textContent(), { timeout: 30_000 }).toMatch(new RegExp(`^${getAddress(reverter.address)}: contract code verified at block \\d+`))
  const set = page.getByRole('form', { name: 'set(uint256)' })
  await set.getByLabel('v (uint256)').fill('150')
  await set.getByRole('button', { name: 'Review transaction' }).click()
  await expect.poll(() => page.getByTestId('contract-prepare-error').textContent(), { timeout: 30_000 }).toMatch(/^This call would fail: value must be below 100\. Simulated locally over proven state at block \d+; nothing was signed\.$/)
  const forbidden = page.getByRole('form', { name: 'forbidden()' })
  await forbidden.getByRole('button', { name: 'Read' }).click()
  await expect.poll(() => forbidden.getByTestId('read-error').textContent(), { timeout: 30_000 }).toMatch(/^It reverts: NotAllowed\(caller: 0x0{40}, code: 42\)/)
  expect(browser.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([])
}, 240_000)
