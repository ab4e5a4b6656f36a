import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { type Address, type Hex, createPublicClient, getAddress, createWalletClient, hexToBigInt, hexToNumber, http, parseEther } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Devnet } from '../../scripts/devnet/startDevnet.ts'
import { decryptKeystore } from '../../src/lib/wallet/decryptKeystore.ts'
import { type TestBrowser, launchBrowser } from '../helpers/browser.ts'
import { confirmConnectLink } from './confirmConnectLink.ts'
import { devnetChain, dumpOnFailure, useE2e } from './harness.ts'
import type { ServedApp } from './serveApp.ts'

const e2e = useE2e()
let devnet: Devnet
let app: ServedApp
let browser: TestBrowser
let page: Page
let connect: URLSearchParams

const recipient = '0x000000000000000000000000000000000000c0DE' as Address

beforeAll(async () => {
  ;({ devnet, app, browser, page } = e2e)
  connect = new URLSearchParams({ network: 'devnet', beacon: devnet.beaconUrl, rpc: devnet.rpcUrl, checkpoint: devnet.checkpointRoot })
})

afterAll(async () => {
})

const debugOnFailure = (name: string) => dumpOnFailure(page, browser, name)

it('signs a send through an EIP-6963 browser wallet, while every read goes through the verified transport', async () => {
  debugOnFailure('browser-wallet')
  const chain = devnetChain(devnet)
  const anvil = createPublicClient({ chain, transport: http(devnet.rpcUrl) })
  const key = privateKeyToAccount(generatePrivateKey())
  await createWalletClient({ chain, transport: http(devnet.rpcUrl) }).sendTransaction({ account: devnet.accounts[0], to: key.address, value: parseEther('1') })

  // The fake wallet: an EIP-1193 provider announced in the page (EIP-6963); it signs with a dev key via viem (in Node, through a binding).
  const methods: string[] = []
  await page.exposeFunction('__fakeWalletRequest', async (method: string, params: unknown[]) => {
    methods.push(method)
    if (method === 'eth_requestAccounts' || method === 'eth_accounts') return [key.address]
    if (method === 'eth_chainId') return `0x${devnet.chainId.toString(16)}`
    if (method === 'eth_signTransaction') {
      const tx = params[0] as Record<string, Hex>
      return key.signTransaction({
        type: 'eip1559', chainId: hexToNumber(tx.chainId), nonce: hexToNumber(tx.nonce), to: tx.to as Address, value: hexToBigInt(tx.value), data: tx.data,
        gas: hexToBigInt(tx.gas), maxFeePerGas: hexToBigInt(tx.maxFeePerGas), maxPriorityFeePerGas: hexToBigInt(tx.maxPriorityFeePerGas),
      })
    }
    throw new Error(`fake wallet: ${method} is not served here`)
  })
  await page.addInitScript(() => {
    const w = window as unknown as { __fakeWalletRequest: (method: string, params: unknown[]) => Promise<unknown> }
    const provider = { request: ({ method, params }: { method: string; params?: unknown[] }) => w.__fakeWalletRequest(method, params ?? []) }
    const info = { uuid: '6f1c8a52-3d0b-4c36-9d1e-0d6f3b1e2a77', name: 'Fake Wallet', rdns: 'dev.latchkey.fake-wallet', icon: 'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg"/>' }
    const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info, provider }) }))
    window.addEventListener('eip6963:requestProvider', announce)
    announce()
  })

  await confirmConnectLink(page, `${app.subdomainUrl}#/connect?${connect}`)
  await page.getByRole('link', { name: 'Connect a browser wallet' }).click()
  await page.getByRole('button', { name: 'Connect Fake Wallet' }).click()
  await page.getByRole('heading', { name: 'Home' }).waitFor({ timeout: 30_000 })
  await expect(page.getByTestId('address').textContent()).resolves.toBe(key.address)
  await page.getByTestId('balance-value').filter({ hasText: /^1 ETH$/ }).waitFor({ timeout: 45_000 })

  await page.getByRole('link', { name: 'Send', exact: true }).first().click()
  await page.getByLabel('Recipient address').fill(recipient)
  await page.getByLabel('Amount (ETH)').fill('0.1')
  await page.getByRole('button', { name: 'Review' }).click()
  await page.getByRole('heading', { name: 'Review' }).waitFor({ timeout: 30_000 })
  await page.getByRole('button', { name: 'Sign and send' }).click()
  await page.getByTestId('receipt-status').waitFor({ timeout: 45_000 })
  await expect(page.getByTestId('receipt-status').textContent()).resolves.toMatch(/^Confirmed: receipt verified in block \d+$/)
  expect(await anvil.getBalance({ address: recipient })).toBe(parseEther('0.1'))
  await page.getByRole('link', { name: 'Home' }).click()
  await page.getByTestId('balance-value').filter({ hasText: /^0\.89/ }).waitFor({ timeout: 30_000 })

  // The wallet was asked for accounts and one signature, never for a read.
  expect(methods).toContain('eth_signTransaction')
  expect(methods.filter((m) => m === 'eth_signTransaction')).toHaveLength(1)
  const signingOnly = new Set(['eth_requestAccounts', 'eth_accounts', 'eth_chainId', 'eth_signTransaction'])
  expect(methods.filter((m) => !signingOnly.has(m))).toEqual([])
  expect(browser.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([])
}, 120_000)

it('exports the encrypted setup, resets, imports it with the same accounts, and exports a keystore that decrypts', async () => {
  debugOnFailure('setup-export')
  const password = 'vault password 1'
  const privateKey = generatePrivateKey()
  const address = privateKeyToAccount(privateKey).address
  // A vault next to the browser-wallet account of the first test.
  await page.goto(`${app.subdomainUrl}#/import?kind=privateKey`)
  await page.getByLabel('Private key (64 hex digits)').fill(privateKey)
  await page.getByLabel("Password for this browser's vault").fill(password)
  await page.getByLabel('Repeat the password').fill(password)
  await page.getByRole('button', { name: 'Import' }).click()
  await page.getByRole('heading', { name: 'Home' }).waitFor({ timeout: 30_000 })
  const accountsBefore = await page.locator('select option').allTextContents()
  expect(accountsBefore.some((a) => a.includes(address.slice(0, 8)))).toBe(true)
  expect(accountsBefore.length).toBe(2)

  // Keystore export, decrypted by the library.
  await page.getByRole('link', { name: 'Settings' }).click()
  await page.getByLabel('Password for the file').fill('keystore pw 123')
  const keystoreDownload = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export keystore' }).click()
  const keystore = await readFile((await (await keystoreDownload).path())!, 'utf8')
  const decrypted = await decryptKeystore({ keystore, password: 'keystore pw 123' })
  expect(decrypted.address).toBe(address)
  expect(decrypted.privateKey).toBe(privateKey)

  // Setup export, reset, import: the same accounts come back, opened by the same vault password.
  await page.getByLabel('Export password', { exact: true }).fill('export pw 456')
  const setupDownload = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export setup' }).click()
  const setupPath = (await (await setupDownload).path())!
  const setup = JSON.parse(await readFile(setupPath, 'utf8'))
  expect(setup.format).toBe('latchkey-setup')
  expect(JSON.stringify(setup)).not.toContain(address.slice(2).toLowerCase())
  await page.getByRole('button', { name: 'Reset…' }).click()
  await page.getByRole('button', { name: 'Yes, delete everything here' }).click()
  await page.getByRole('heading', { name: 'Welcome to Latchkey' }).waitFor()
  await page.goto(`${app.subdomainUrl}#/settings`)
  await page.getByLabel('Setup file').setInputFiles(setupPath)
  await page.getByLabel('Its export password').fill('wrong password')
  await page.getByRole('button', { name: 'Import setup' }).click()
  await expect(page.getByRole('alert').textContent()).resolves.toBe('Wrong export password, or the file is damaged.')
  await page.getByLabel('Its export password').fill('export pw 456')
  await page.getByRole('button', { name: 'Import setup' }).click()
  await page.getByRole('status').filter({ hasText: 'Imported' }).waitFor()
  await expect(page.getByTestId('network-name').textContent()).resolves.toBe('devnet')
  await page.goto(`${app.subdomainUrl}#/home`)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Unlock' }).click()
  await page.getByRole('heading', { name: 'Home' }).waitFor({ timeout: 30_000 })
  await expect(page.locator('select option').allTextContents()).resolves.toEqual(accountsBefore)
}, 90_000)

it('a browser wallet without eth_signTransaction: the review warns and offers the wallet-broadcast path; the receipt is verified', async () => {
  debugOnFailure('wallet-broadcast')
  // Its own browser: the first tests' page already holds another fake wallet and a vault.
  const own = await launchBrowser()
  const p = await own.newPage()
  dumpOnFailure(p, own, 'wallet-broadcast-own')
  try {
    const chain = devnetChain(devnet)
    const anvil = createPublicClient({ chain, transport: http(devnet.rpcUrl) })
    const key = privateKeyToAccount(generatePrivateKey())
    const to = privateKeyToAccount(generatePrivateKey()).address
    await createWalletClient({ chain, transport: http(devnet.rpcUrl) }).sendTransaction({ account: devnet.accounts[0], to: key.address, value: parseEther('1') })

    // MetaMask-like: refuses eth_signTransaction as MetaMask does (-32601), signs and broadcasts eth_sendTransaction to anvil itself.
    const methods: string[] = []
    const asked: Record<string, Hex>[] = []
    await p.exposeFunction('__fakeMetaMaskRequest', async (method: string, params: unknown[]) => {
      methods.push(method)
      if (method === 'eth_requestAccounts' || method === 'eth_accounts') return [key.address]
      if (method === 'eth_chainId') return `0x${devnet.chainId.toString(16)}`
      if (method === 'eth_sendTransaction') {
        const tx = params[0] as Record<string, Hex>
        asked.push(tx)
        const raw = await key.signTransaction({
          type: 'eip1559', chainId: hexToNumber(tx.chainId), nonce: hexToNumber(tx.nonce), to: tx.to as Address, value: hexToBigInt(tx.value), data: tx.data,
          gas: hexToBigInt(tx.gas), maxFeePerGas: hexToBigInt(tx.maxFeePerGas), maxPriorityFeePerGas: hexToBigInt(tx.maxPriorityFeePerGas),
        })
        return anvil.sendRawTransaction({ serializedTransaction: raw })
      }
      return { __error: { code: -32601, message: `The method "${method}" does not exist / is not available.` } }
    })
    await p.addInitScript(() => {
      const w = window as unknown as { __fakeMetaMaskRequest: (method: string, params: unknown[]) => Promise<unknown> }
      const provider = {
        request: async ({ method, params }: { method: string; params?: unknown[] }) => {
          const answer = (await w.__fakeMetaMaskRequest(method, params ?? [])) as { __error?: { code: number; message: string } }
          if (answer && typeof answer === 'object' && answer.__error) throw Object.assign(new Error(answer.__error.message), { code: answer.__error.code })
          return answer
        },
      }
      const info = { uuid: '2b0f3a1e-8c4d-4e5f-9a6b-7c8d9e0f1a2b', name: 'Fake MetaMask', rdns: 'dev.latchkey.fake-metamask', icon: 'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg"/>' }
      const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info, provider }) }))
      window.addEventListener('eip6963:requestProvider', announce)
      announce()
    })

    await confirmConnectLink(p, `${app.subdomainUrl}#/connect?${connect}`)
    await p.getByRole('link', { name: 'Connect a browser wallet' }).click()
    await p.getByRole('button', { name: 'Connect Fake MetaMask' }).click()
    await p.getByRole('heading', { name: 'Home' }).waitFor({ timeout: 30_000 })
    await p.getByTestId('balance-value').filter({ hasText: /^1 ETH$/ }).waitFor({ timeout: 45_000 })

    // Address book: a contact, then a poisoner's look-alike of it (same first and last 4 hex digits) is flagged on review.
    const hex = () => Array.from({ length: 32 }, () => '0123456789abcdef'[Math.floor(Math.random() * 16)]).join('')
    const carol = getAddress(`0x1234${hex()}abcd`)
    const lookalike = getAddress(`0x1234${hex()}abcd`)
    await p.getByRole('link', { name: 'Settings' }).click()
    await p.getByLabel('Contact name').fill('Carol')
    await p.getByLabel('Contact address').fill(carol.replace(/[a-f]/, (c) => c.toUpperCase()))
    await p.getByRole('button', { name: 'Add contact' }).click()
    await expect(p.getByTestId('contact-error').textContent()).resolves.toMatch(/wrong EIP-55 checksum/)
    await p.getByLabel('Contact address').fill(carol)
    await p.getByRole('button', { name: 'Add contact' }).click()
    await p.getByTestId('contact-list').filter({ hasText: `Carol ${carol}` }).waitFor()
    // Kept in the settings: still there after a reload.
    await p.reload()
    await p.getByTestId('contact-list').filter({ hasText: `Carol ${carol}` }).waitFor({ timeout: 30_000 })
    await p.getByRole('link', { name: 'Home' }).click()
    await p.getByTestId('balance-value').filter({ hasText: /^1 ETH$/ }).waitFor({ timeout: 45_000 })

    await p.getByRole('link', { name: 'Send', exact: true }).first().click()
    await p.getByLabel('Recipient address').fill(lookalike)
    await p.getByLabel('Amount (ETH)').fill('0.25')
    await p.getByRole('button', { name: 'Review' }).click()
    await p.getByRole('heading', { name: 'Review' }).waitFor({ timeout: 30_000 })
    await expect(p.getByTestId('recipient-lookalike').textContent()).resolves.toMatch(new RegExp(`Look-alike address\\.[\\s\\S]*your contact "Carol" \\(${carol}\\)[\\s\\S]*different address`))
    await expect(p.getByTestId('recipient-new').textContent()).resolves.toMatch(/New recipient/)
    await expect(p.getByRole('button', { name: 'Sign and send' }).isDisabled()).resolves.toBe(true)
    await p.getByRole('button', { name: 'Edit' }).click()
    // The picker fills in the contact; then the real recipient: new, no look-alike.
    await p.getByLabel('Or pick a contact or a recent recipient').selectOption(carol)
    await expect(p.getByLabel('Recipient address').inputValue()).resolves.toBe(carol)
    await p.getByRole('button', { name: 'Review' }).click()
    await expect(p.getByTestId('recipient-known').textContent()).resolves.toMatch(/Contact "Carol"/)
    expect(await p.getByTestId('recipient-lookalike').count()).toBe(0)
    await p.getByRole('button', { name: 'Edit' }).click()
    await p.getByLabel('Recipient address').fill(to)
    await p.getByRole('button', { name: 'Review' }).click()
    await p.getByTestId('recipient-new').waitFor({ timeout: 30_000 })
    expect(await p.getByTestId('recipient-lookalike').count()).toBe(0)
    await p.getByRole('button', { name: 'Sign and send' }).click()
    // The refusal is not a dead end: a labelled choice with the warning about the wallet's own RPC.
    await p.getByTestId('wallet-send-choice').waitFor({ timeout: 30_000 })
    await expect(p.getByTestId('wallet-send-warning').textContent()).resolves.toMatch(/Warning: Fake MetaMask does not support signing only[\s\S]*through Fake MetaMask's own RPC, not Latchkey's: if that provider is down/)
    expect(methods.filter((m) => m === 'eth_sendTransaction')).toEqual([])
    await p.getByRole('button', { name: 'Let Fake MetaMask send it' }).click()
    await p.getByTestId('receipt-status').waitFor({ timeout: 45_000 })
    await expect(p.getByTestId('receipt-status').textContent()).resolves.toMatch(/^Confirmed: receipt verified in block \d+$/)
    await expect(p.getByTestId('wallet-check').textContent()).resolves.toMatch(/has the reviewed sender, recipient, value, data and nonce/)
    expect(await anvil.getBalance({ address: to })).toBe(parseEther('0.25'))
    // The wallet got Latchkey's nonce, gas and fees (from verified state), fully specified.
    expect(asked).toHaveLength(1)
    expect(asked[0].to.toLowerCase()).toBe(to.toLowerCase())
    expect(asked[0]).toMatchObject({ from: key.address, value: `0x${parseEther('0.25').toString(16)}`, nonce: '0x0', type: '0x2' })
    expect(Object.keys(asked[0]).sort()).toEqual(['chainId', 'data', 'from', 'gas', 'maxFeePerGas', 'maxPriorityFeePerGas', 'nonce', 'to', 'type', 'value'])
    // Never a read: only accounts, the refused signature and the send.
    expect(methods.filter((m) => !['eth_requestAccounts', 'eth_accounts', 'eth_chainId'].includes(m))).toEqual(['eth_signTransaction', 'eth_sendTransaction'])
    // The send recorded its recipient: the next review knows it, with its first-seen date.
    await p.getByRole('button', { name: 'Send another' }).click()
    await p.getByLabel('Recipient address').fill(to)
    await p.getByLabel('Amount (ETH)').fill('0.01')
    await p.getByRole('button', { name: 'Review' }).click()
    await expect(p.getByTestId('recipient-known').textContent()).resolves.toMatch(new RegExp(`Sent to before, first on ${new Date().toISOString().slice(0, 10)}`))
    expect(own.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([])
  } finally {
    await own.close()
  }
}, 150_000)
