import type { Page } from 'playwright-core'
import { type Address, getAddress, createPublicClient, createWalletClient, erc20Abi, http, parseEther } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { beforeAll, expect, it } from 'vitest'
import { deployContract } from '../../scripts/contracts/deployContract.ts'
import type { Devnet } from '../../scripts/devnet/startDevnet.ts'
import type { TestBrowser } from '../helpers/browser.ts'
import { confirmConnectLink } from './confirmConnectLink.ts'
import { connectLink, devnetChain, dumpOnFailure, shot, useE2e } from './harness.ts'
import type { ServedApp } from './serveApp.ts'

const password = 'correct horse battery'
const e2e = useE2e()
let devnet: Devnet
let app: ServedApp
let browser: TestBrowser
let page: Page
let owner: Address
let ownerAccount: ReturnType<typeof privateKeyToAccount>
let anvil: ReturnType<typeof createPublicClient>

beforeAll(async () => {
  ;({ devnet, app, browser, page } = e2e)
  const chain = devnetChain(devnet)
  anvil = createPublicClient({ chain, transport: http(devnet.rpcUrl) })
  const privateKey = generatePrivateKey()
  ownerAccount = privateKeyToAccount(privateKey)
  owner = ownerAccount.address
  const hash = await createWalletClient({ chain, transport: http(devnet.rpcUrl) }).sendTransaction({ account: devnet.accounts[0], to: owner, value: parseEther('2') })
  await anvil.waitForTransactionReceipt({ hash, pollingInterval: 100 })

  await confirmConnectLink(page, connectLink(app, devnet))
  await page.getByRole('link', { name: 'Import a private key' }).click()
  await page.getByLabel('Private key (64 hex digits)').fill(privateKey)
  await page.getByLabel("Password for this browser's vault").fill(password)
  await page.getByLabel('Repeat the password').fill(password)
  await page.getByRole('button', { name: 'Import' }).click()
  await page.getByRole('heading', { name: 'Home' }).waitFor({ timeout: 30_000 })
  await page.getByRole('group', { name: 'ETH balance' }).getByTestId('balance-value').filter({ hasText: /^2 ETH$/ }).waitFor({ timeout: 45_000 })
}, 180_000)

const failureReport = (name: string) => dumpOnFailure(page, browser, name)

/** Signs the open review and waits for its verified receipt; back to the contract screen after. */
async function signAndConfirm(): Promise<void> {
  await page.getByRole('button', { name: 'Sign and send' }).click()
  await page.getByTestId('receipt-status').waitFor({ timeout: 45_000 })
  await expect(page.getByTestId('receipt-status').textContent()).resolves.toMatch(/^Confirmed: receipt verified in block \d+$/)
  await page.getByRole('button', { name: 'Back to the contract' }).click()
}


/** Contract and Approvals are under the main navigation's "More" menu. */
async function openFromMore(name: string) {
  await page.getByTestId('main-nav').getByText('More', { exact: true }).click()
  await page.getByTestId('main-nav').getByRole('link', { name, exact: true }).click()
}

it('reads a pasted contract by verified calls, writes through the review, and unwraps WETH with the built-in action', async () => {
  failureReport('contract')
  const weth = await deployContract({ rpcUrl: devnet.rpcUrl, file: 'RescueTargets.sol', contract: 'TestWeth' }).then((d) => ({ ...d, address: getAddress(d.address) }))
  await openFromMore('Contract')
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
  await shot(page, `contract-review`)
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

it('lists the approvals the account granted (verified receipts over the searched range) and revokes one through the review', async () => {
  failureReport('approvals')
  const token = await deployContract({ rpcUrl: devnet.rpcUrl, file: 'TestTokens.sol', contract: 'TestToken', args: ['Test', 'TST', 6, 10n ** 12n] })
  const nft = await deployContract({ rpcUrl: devnet.rpcUrl, file: 'TestTokens.sol', contract: 'TestNft', args: ['Nft', 'NFT'] })
  const spender = getAddress('0x000000000000000000000000000000000000dEaD')
  const operator = getAddress('0x00000000000000000000000000000000000B0b0b')

  // One approval through the app's built-in action (decimals read by verified calls) ...
  const rescue = page.getByRole('form', { name: 'Rescue actions' })
  await openFromMore('Contract')
  await rescue.getByLabel('Action').selectOption('erc20-approve')
  await rescue.getByLabel('Token contract', { exact: true }).fill(token.address)
  await rescue.getByLabel('Spender', { exact: true }).fill(spender)
  await rescue.getByLabel('Amount', { exact: true }).fill('12.5')
  await expect.poll(async () => {
    // The token may be newer than the app's head for a moment: retry until its decimals verify.
    if (await page.getByRole('heading', { name: 'Review' }).isVisible()) return 'review'
    await rescue.getByRole('button', { name: 'Review transaction' }).click()
    return page.getByRole('heading', { name: 'Review' }).waitFor({ timeout: 5_000 }).then(() => 'review', () => 'retry')
  }, { timeout: 45_000, interval: 500 }).toBe('review')
  await expect(page.getByTestId('review-arg').allTextContents()).resolves.toEqual([spender, '12500000'])
  await page.locator('[data-testid="balance-preview"][data-preview-status="ready"]').waitFor({ timeout: 30_000 })
  await expect(page.getByTestId('preview-approval').allTextContents()).resolves.toEqual([expect.stringContaining('may spend 12500000 units')])
  await signAndConfirm()
  // ... and one signed elsewhere with the same key (an operator on the NFT).
  const chain = devnetChain(devnet)
  const hash = await createWalletClient({ account: ownerAccount, chain, transport: http(devnet.rpcUrl) }).writeContract({ address: nft.address, abi: nft.abi, functionName: 'setApprovalForAll', args: [operator, true] })
  const { blockNumber: operatorBlock } = await anvil.waitForTransactionReceipt({ hash, pollingInterval: 100 })

  await openFromMore('Approvals')
  await page.getByRole('heading', { name: 'Approvals', level: 1 }).waitFor()
  // The search started on opening; search again until the app's head has the operator's block.
  await expect.poll(async () => {
    const items = await page.getByTestId('approval').count()
    if (items < 2 && (await page.getByRole('button', { name: 'Search again' }).isEnabled().catch(() => false))) await page.getByRole('button', { name: 'Search again' }).click()
    return items
  }, { timeout: 60_000, interval: 1000 }).toBe(2)
  await expect(page.getByTestId('approvals-range').textContent()).resolves.toMatch(/^Searched blocks \d+ to \d+ \(.+, the most recent blocks\)\. (That is the whole chain|Approvals granted before block \d+ are not listed)/)
  const range = /Searched blocks (\d+) to (\d+)/.exec((await page.getByTestId('approvals-range').textContent())!)!
  expect(BigInt(range[2])).toBeGreaterThanOrEqual(operatorBlock)
  const erc20 = page.locator(`[data-testid="approval"][data-token="${token.address.toLowerCase()}"]`)
  await expect.poll(() => erc20.getByTestId('approval-current').textContent(), { timeout: 30_000 }).toBe('12.5 TST')
  await expect(erc20.getByTestId('approval-spender').textContent()).resolves.toBe(spender.toLowerCase())
  const op = page.locator(`[data-testid="approval"][data-token="${nft.address.toLowerCase()}"]`)
  await expect.poll(() => op.getByTestId('approval-current').textContent(), { timeout: 30_000 }).toBe('may move all your tokens of this collection')
  await shot(page, `approvals`)

  // One click: approve(spender, 0) through the normal review, decoded and previewed.
  await erc20.getByRole('button', { name: 'Revoke' }).click()
  await page.getByRole('heading', { name: 'Review' }).waitFor({ timeout: 30_000 })
  await expect(page.getByTestId('review-function').textContent()).resolves.toBe('approve(address,uint256)')
  await expect(page.getByTestId('review-arg').allTextContents()).resolves.toEqual([spender, '0'])
  await page.locator('[data-testid="balance-preview"][data-preview-status="ready"]').waitFor({ timeout: 30_000 })
  await expect(page.getByTestId('preview-approval').allTextContents()).resolves.toEqual([expect.stringContaining('may spend 0 units')])
  await page.getByRole('button', { name: 'Sign and send' }).click()
  await page.getByTestId('receipt-status').waitFor({ timeout: 45_000 })
  await page.getByRole('button', { name: 'Back to approvals' }).click()
  expect(await anvil.readContract({ address: token.address, abi: erc20Abi, functionName: 'allowance', args: [owner, spender] })).toBe(0n)
  await expect.poll(async () => {
    if ((await erc20.getByTestId('approval-current').textContent()) !== 'revoked (0)') await page.getByRole('button', { name: 'Search again' }).click().catch(() => undefined)
    return erc20.getByTestId('approval-current').textContent()
  }, { timeout: 45_000, interval: 1000 }).toBe('revoked (0)')
  await expect(erc20.getByRole('button', { name: 'Revoke' }).count()).resolves.toBe(0)

  // The built-in ERC-721 transfer (safeTransferFrom from this account), decoded and previewed.
  const mint = await createWalletClient({ account: devnet.accounts[0], chain, transport: http(devnet.rpcUrl) }).writeContract({ address: nft.address, abi: nft.abi, functionName: 'mint', args: [owner] })
  await anvil.waitForTransactionReceipt({ hash: mint, pollingInterval: 100 })
  await openFromMore('Contract')
  await rescue.getByLabel('Action').selectOption('erc721-transfer')
  await rescue.getByLabel('NFT contract').fill(nft.address)
  await rescue.getByLabel('Recipient', { exact: true }).fill(spender)
  await rescue.getByLabel('Token id').fill('1')
  await expect.poll(async () => {
    // Until the app's head has the mint, the transfer is refused (its reason shown): try again.
    if (await page.getByRole('heading', { name: 'Review' }).isVisible()) return 'review'
    await rescue.getByRole('button', { name: 'Review transaction' }).click()
    return page.getByRole('heading', { name: 'Review' }).waitFor({ timeout: 5_000 }).then(() => 'review', () => 'retry')
  }, { timeout: 45_000, interval: 500 }).toBe('review')
  await expect(page.getByTestId('review-function').textContent()).resolves.toBe('safeTransferFrom(address,address,uint256)')
  await expect(page.getByTestId('review-arg').allTextContents()).resolves.toEqual([owner, spender, '1'])
  await page.locator('[data-testid="balance-preview"][data-preview-status="ready"]').waitFor({ timeout: 30_000 })
  await expect(page.getByTestId('preview-change').allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringMatching(/^You: −1 units of token/)]))
  await signAndConfirm()
  expect(await anvil.readContract({ address: nft.address, abi: nft.abi, functionName: 'ownerOf', args: [1n] })).toBe(spender)

  await page.getByRole('link', { name: 'Activity' }).click()
  await expect.poll(() => page.getByTestId('activity-call').allTextContents(), { timeout: 30_000 }).toContainEqual(expect.stringContaining(`approve(${spender}, 0) on`))
  expect(browser.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([])
}, 240_000)

it('shows on the review that the recipient has an EIP-7702 delegation (its verified code) and to which contract', async () => {
  failureReport('delegation')
  const chain = devnetChain(devnet)
  const delegate = await deployContract({ rpcUrl: devnet.rpcUrl, file: 'RescueTargets.sol', contract: 'TestWeth' })
  const delegator = privateKeyToAccount(generatePrivateKey())
  const funder = createWalletClient({ chain, transport: http(devnet.rpcUrl) })
  await anvil.waitForTransactionReceipt({ hash: await funder.sendTransaction({ account: devnet.accounts[0], to: delegator.address, value: parseEther('1') }), pollingInterval: 100 })
  const client = createWalletClient({ account: delegator, chain, transport: http(devnet.rpcUrl) })
  const authorization = await client.signAuthorization({ contractAddress: delegate.address, executor: 'self' })
  const { blockNumber } = await anvil.waitForTransactionReceipt({ hash: await client.sendTransaction({ to: delegator.address, authorizationList: [authorization] }), pollingInterval: 100 })

  await page.getByRole('link', { name: 'Send', exact: true }).first().click()
  await page.getByLabel('Recipient address').fill(delegator.address)
  await page.getByLabel('Amount (ETH)').fill('0.01')
  // Review once the app's head has the delegation's block (the review reads at its verified head).
  await expect.poll(async () => {
    if (!(await page.getByRole('heading', { name: 'Review' }).isVisible())) await page.getByRole('button', { name: 'Review' }).click()
    await page.locator('[data-testid="balance-preview"][data-preview-status="ready"], [data-testid="balance-preview"][data-preview-status="failed"]').waitFor({ timeout: 30_000 })
    const readAt = BigInt(/verified block (\d+)/.exec((await page.getByTestId('review-read-at').textContent())!)![1])
    if (readAt >= blockNumber) return 'ready'
    await page.getByRole('button', { name: 'Edit' }).click()
    return 'older head'
  }, { timeout: 60_000, interval: 1000 }).toBe('ready')
  await expect(page.getByTestId('preview-delegation').allTextContents()).resolves.toEqual([`${delegator.address.toLowerCase().slice(0, 8)}…${delegator.address.toLowerCase().slice(-6)} has an EIP-7702 delegation to ${delegate.address.toLowerCase()}: its code is that contract's.`])
  await shot(page, `delegation-review`)
  await page.getByRole('button', { name: 'Edit' }).click()
}, 120_000)
