import { type Address, createPublicClient, createWalletClient, erc20Abi, getAddress, http, parseEther, parseUnits } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { expect, it } from 'vitest'
import { deployTestToken } from '../helpers/deployTestToken.ts'
import { confirmConnectLink } from './confirmConnectLink.ts'
import { connectLink, devnetChain, dumpOnFailure, shot, useE2e } from './harness.ts'

const e2e = useE2e()

const password = 'correct horse battery'
const recipient = '0x000000000000000000000000000000000000bEEF' as Address

it('adds a token by address, shows its verified balance, sends it, and both balances change', async () => {
  const { devnet, app, browser, page } = e2e
  dumpOnFailure(page, browser, 'tokens')
  const chain = devnetChain(devnet)
  const anvil = createPublicClient({ chain, transport: http(devnet.rpcUrl) })
  const privateKey = generatePrivateKey()
  const owner = privateKeyToAccount(privateKey).address
  // The token (an OpenZeppelin ERC-20 compiled from source, 6 decimals) and 1000 TST + 1 ETH for our account.
  const holders = [{ address: owner, amount: parseUnits('1000', 6) }]
  const tokenAddress = getAddress((await deployTestToken({ rpcUrl: devnet.rpcUrl, symbol: 'TST', decimals: 6, holders })).address)
  const funding = await createWalletClient({ chain, transport: http(devnet.rpcUrl) }).sendTransaction({ account: devnet.accounts[0], to: owner, value: parseEther('1') })
  await anvil.waitForTransactionReceipt({ hash: funding, pollingInterval: 200 })

  await confirmConnectLink(page, connectLink(app, devnet))
  await page.getByRole('link', { name: 'Import a private key' }).click()
  await page.getByLabel('Private key (64 hex digits)').fill(privateKey)
  await page.getByLabel("Password for this browser's vault").fill(password)
  await page.getByLabel('Repeat the password').fill(password)
  await page.getByRole('button', { name: 'Import' }).click()
  await page.getByRole('heading', { name: 'Home' }).waitFor({ timeout: 30_000 })
  await expect(page.getByTestId('address').textContent()).resolves.toBe(owner)
  const eth = page.getByRole('group', { name: 'ETH balance' })
  await eth.getByTestId('balance-value').filter({ hasText: /^1 ETH$/ }).waitFor({ timeout: 45_000 })

  // A bad address is refused with a message; the real one is read (verified) and listed.
  await page.getByLabel('Token contract address').fill('0x1234')
  await page.getByRole('button', { name: 'Add token' }).click()
  await page.getByRole('form', { name: 'Add a token' }).getByRole('alert').waitFor()
  await page.getByLabel('Token contract address').fill(tokenAddress)
  await page.getByRole('button', { name: 'Add token' }).click()
  await expect.poll(() => page.getByTestId('token-notice').textContent(), { timeout: 30_000 }).toBe('Added TST (6 decimals), read by verified calls.')
  const tst = page.getByRole('group', { name: 'TST balance' })
  await tst.getByTestId('balance-value').filter({ hasText: /^1,000 TST$/ }).waitFor({ timeout: 30_000 })
  // Under load a head can be a few seconds old for a moment ("Last verified ..."): wait for a current one.
  await expect.poll(() => tst.getByTestId('balance-status').textContent(), { timeout: 30_000 }).toMatch(/^Verified at block \d+, \d+ s ago$/)
  await shot(page, 'home-tokens')

  // Send 250 TST through the asset picker.
  await page.getByRole('link', { name: 'Send', exact: true }).first().click()
  await page.getByLabel('Asset').selectOption(tokenAddress)
  await page.getByRole('group', { name: 'Available' }).getByTestId('balance-value').filter({ hasText: /^1,000 TST$/ }).waitFor({ timeout: 30_000 })
  await page.getByLabel('Recipient address').fill(recipient)
  // More decimals than the token has is refused before anything is signed.
  await page.getByLabel('Amount (TST)').fill('1.0000001')
  await page.getByRole('button', { name: 'Review' }).click()
  await page.getByRole('alert').waitFor()
  await page.getByLabel('Amount (TST)').fill('250')
  await page.getByRole('button', { name: 'Review' }).click()
  await page.getByRole('heading', { name: 'Review' }).waitFor({ timeout: 30_000 })
  await expect(page.getByTestId('review-amount').textContent()).resolves.toBe('250 TST')
  await expect(page.getByTestId('review-contract').textContent()).resolves.toBe(tokenAddress)
  // The preview reads the token's Transfer log and both balanceOf values over proven state.
  await page.locator('[data-testid="balance-preview"][data-preview-status="ready"]').waitFor({ timeout: 30_000 })
  await expect(page.getByTestId('preview-change').allTextContents()).resolves.toEqual(['You: −250 TST', `${recipient.toLowerCase().slice(0, 8)}…${recipient.toLowerCase().slice(-6)}: +250 TST`])
  await shot(page, 'send-token-review')
  await page.getByRole('button', { name: 'Sign and send' }).click()
  await page.getByTestId('receipt-status').waitFor({ timeout: 45_000 })
  await expect(page.getByTestId('receipt-status').textContent()).resolves.toMatch(/^Confirmed: receipt verified in block \d+$/)
  expect(await anvil.readContract({ address: tokenAddress, abi: erc20Abi, functionName: 'balanceOf', args: [recipient] })).toBe(parseUnits('250', 6))

  // Back home: 750 TST verified, and the fee came out of the ETH balance.
  await page.getByRole('link', { name: 'Home' }).click()
  await tst.getByTestId('balance-value').filter({ hasText: /^750 TST$/ }).waitFor({ timeout: 30_000 })
  await expect(tst.getByTestId('balance-status').textContent()).resolves.toMatch(/^Verified at block/)
  await eth.getByTestId('balance-value').filter({ hasText: /^0\.99/ }).waitFor({ timeout: 30_000 })
  // The custom token is kept in settings (not the vault): it survives a reload while locked.
  await page.reload()
  await page.getByRole('heading', { name: 'Unlock' }).waitFor()
  expect(await page.evaluate(() => localStorage.getItem('latchkey.settings.v1'))).toContain(tokenAddress)
  expect(browser.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([])
}, 120_000)
