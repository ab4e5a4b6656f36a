import { URDecoder } from '@ngraveio/bc-ur'
import type { Page } from 'playwright-core'
import { type Address, bytesToHex, createPublicClient, createWalletClient, hexToBytes, http, parseEther } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { beforeAll, expect, it } from 'vitest'
import type { Devnet } from '../../scripts/devnet/startDevnet.ts'
import type { TestBrowser } from '../helpers/browser.ts'
import { LedgerEthAppEmulator } from '../helpers/ledgerEmulator.ts'
import { SoftwareQrSigner } from '../helpers/qrSigner.ts'
import { confirmConnectLink } from './confirmConnectLink.ts'
import { devnetChain, dumpOnFailure, shot, useE2e } from './harness.ts'
import type { ServedApp } from './serveApp.ts'

// Hardware signers in Chromium over the devnet's light client. Headless Chromium has no WebHID
// device, so the page gets a `navigator.hid` whose one device speaks Ledger's HID framing to the
// software Ethereum app in Node: the app's real WebHID transport and Ethereum-app client run in the page.
const e2e = useE2e()
let devnet: Devnet
let app: ServedApp
let browser: TestBrowser
let connect: URLSearchParams
const recipient = '0x000000000000000000000000000000000000c0DE' as Address

beforeAll(async () => {
  ;({ devnet, app, browser } = e2e)
  connect = new URLSearchParams({ network: 'devnet', beacon: devnet.beaconUrl, rpc: devnet.rpcUrl, checkpoint: devnet.checkpointRoot })
})

const debugOnFailure = (page: Page, name: string) => dumpOnFailure(page, browser, name)

async function fund(address: Address, eth: string) {
  const chain = devnetChain(devnet)
  await createWalletClient({ chain, transport: http(devnet.rpcUrl) }).sendTransaction({ account: devnet.accounts[0], to: address, value: parseEther(eth) })
  return createPublicClient({ chain, transport: http(devnet.rpcUrl) })
}

/** Requests that leave the machine (anything but loopback) while the page runs. */
function watchRequests(page: Page): string[] {
  const outside: string[] = []
  page.on('request', (request) => {
    const { protocol, hostname } = new URL(request.url())
    if (protocol === 'data:' || protocol === 'blob:') return
    if (!(hostname === '127.0.0.1' || hostname === 'localhost' || hostname.endsWith('.localhost'))) outside.push(request.url())
  })
  return outside
}

async function sendEth(page: Page, amount: string) {
  await page.getByRole('link', { name: 'Send', exact: true }).first().click()
  await page.getByLabel('Recipient address').fill(recipient)
  await page.getByLabel('Amount (ETH)').fill(amount)
  await page.getByRole('button', { name: 'Review' }).click()
  await page.getByRole('heading', { name: 'Review' }).waitFor({ timeout: 30_000 })
  await page.getByRole('button', { name: 'Sign and send' }).click()
}

it('a Ledger (over WebHID, its transport injected in the page) lists addresses, confirms one on the device, and signs a send that gets a verified receipt', async () => {
  const page = await browser.newPage()
  debugOnFailure(page, 'ledger')
  const outside = watchRequests(page)
  const mnemonic = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'
  const emulator = new LedgerEthAppEmulator({ mnemonic })
  const account = mnemonicToAccount(mnemonic, { addressIndex: 1 }).address
  const anvil = await fund(account, '1')

  await page.exposeFunction('__ledgerApdu', (hex: string) => bytesToHex(emulator.exchange(hexToBytes(hex as `0x${string}`))))
  await page.addInitScript(() => {
    const bridge = (window as unknown as { __ledgerApdu: (hex: string) => Promise<string> }).__ledgerApdu
    const hex = (b: Uint8Array) => `0x${[...b].map((x) => x.toString(16).padStart(2, '0')).join('')}`
    const listeners = new Set<(e: { data: DataView }) => void>()
    let pending: { length: number; data: number[] } | undefined
    let granted = false
    const device = {
      vendorId: 0x2c97, productId: 0x4015, productName: 'Nano X (emulated)', opened: false, collections: [],
      async open() { device.opened = true },
      async close() { device.opened = false },
      addEventListener(type: string, fn: (e: { data: DataView }) => void) { if (type === 'inputreport') listeners.add(fn) },
      removeEventListener(type: string, fn: (e: { data: DataView }) => void) { listeners.delete(fn) },
      // Ledger HID framing: channel (2) | 0x05 | sequence (2) | [length (2) on the first] | data, in 64-byte reports.
      async sendReport(_id: number, block: Uint8Array) {
        const b = new Uint8Array(block)
        const channel = (b[0]! << 8) | b[1]!
        const sequence = (b[3]! << 8) | b[4]!
        if (sequence === 0) pending = { length: (b[5]! << 8) | b[6]!, data: [...b.subarray(7)] }
        else pending?.data.push(...b.subarray(5))
        if (!pending || pending.data.length < pending.length) return
        const apdu = Uint8Array.from(pending.data.slice(0, pending.length))
        pending = undefined
        const answer = (await bridge(hex(apdu))).slice(2).match(/../g)!.map((x) => parseInt(x, 16))
        const payload = [answer.length >> 8, answer.length & 0xff, ...answer]
        for (let seq = 0, at = 0; at < payload.length; seq++, at += 59) {
          const report = new Uint8Array(64)
          report.set([channel >> 8, channel & 0xff, 0x05, seq >> 8, seq & 0xff, ...payload.slice(at, at + 59)])
          setTimeout(() => listeners.forEach((fn) => fn({ data: new DataView(report.buffer) })), 0)
        }
      },
    }
    const hid = {
      async getDevices() { return granted ? [device] : [] },
      async requestDevice() { granted = true; return [device] },
      addEventListener() {},
      removeEventListener() {},
    }
    Object.defineProperty(Navigator.prototype, 'hid', { get: () => hid, configurable: true })
  })

  await confirmConnectLink(page, `${app.subdomainUrl}#/connect?${connect}`)
  await page.getByRole('link', { name: 'Connect a Ledger' }).click()
  await page.getByRole('button', { name: 'Connect Ledger' }).click()
  const list = page.getByTestId('ledger-addresses')
  await list.getByText(mnemonicToAccount(mnemonic).address).waitFor({ timeout: 30_000 })
  await page.getByLabel(/Ledger Live/).check()
  await list.getByText("m/44'/60'/1'/0/0").waitFor({ timeout: 30_000 })
  await expect(list.getByText(mnemonicToAccount(mnemonic, { accountIndex: 1 }).address).count()).resolves.toBe(1)
  await page.getByLabel(/BIP-44/).check()
  await list.getByText("m/44'/60'/0'/0/1").waitFor({ timeout: 30_000 })
  await page.getByRole('button', { name: `Add ${account.slice(0, 8)}…` }).click()
  await page.getByRole('heading', { name: 'Home' }).waitFor({ timeout: 30_000 })
  expect(emulator.screens.filter((s) => s.kind === 'address')).toEqual([{ kind: 'address', address: account, path: "44'/60'/0'/0/1" }])
  await expect(page.getByTestId('address').textContent()).resolves.toBe(account)
  await page.getByTestId('balance-value').filter({ hasText: /^1 ETH$/ }).waitFor({ timeout: 45_000 })

  await sendEth(page, '0.1')
  await page.getByTestId('receipt-status').waitFor({ timeout: 45_000 })
  await expect(page.getByTestId('receipt-status').textContent()).resolves.toMatch(/^Confirmed: receipt verified in block \d+$/)
  expect(emulator.screens.at(-1)).toMatchObject({ kind: 'eth', to: recipient, amount: '0.1 ETH', chainId: devnet.chainId })
  expect(await anvil.getBalance({ address: recipient })).toBeGreaterThanOrEqual(parseEther('0.1'))
  expect(outside).toEqual([])
  await page.close()
}, 150_000)

it('a QR signer (ERC-4527): its account export is pasted, the animated request is read frame by frame, its pasted signature sends with a verified receipt', async () => {
  const page = await browser.newPage()
  debugOnFailure(page, 'qr-signer')
  const mnemonic = 'legal winner thank year wave sausage worth useful legal winner thank yellow'
  const signer = new SoftwareQrSigner({ mnemonic })
  const account = mnemonicToAccount(mnemonic).address
  const anvil = await fund(account, '1')
  const before = await anvil.getBalance({ address: recipient })

  await confirmConnectLink(page, `${app.subdomainUrl}#/connect?${connect}`)
  // Welcome or Home (when an account exists) both link here.
  await page.getByRole('link', { name: /^Connect a QR signer/ }).click()
  await page.getByLabel('Account export text').fill('ur:crypto-hdkey/not-a-key')
  await page.getByRole('button', { name: 'Read' }).click()
  await page.getByRole('alert').filter({ hasText: /Not a usable|does not describe/ }).waitFor({ timeout: 15_000 })
  await page.getByLabel('Account export text').fill(signer.exportHdKey({ name: 'Keystone' }))
  await page.getByRole('button', { name: 'Read' }).click()
  await page.getByRole('button', { name: `Add ${account.slice(0, 8)}…` }).click()
  await page.getByRole('heading', { name: 'Home' }).waitFor({ timeout: 30_000 })
  await expect(page.getByTestId('address').textContent()).resolves.toBe(account)
  await page.getByTestId('balance-value').filter({ hasText: /^1 ETH$/ }).waitFor({ timeout: 45_000 })

  await sendEth(page, '0.2')
  const qr = page.getByTestId('animated-qr')
  await qr.waitFor({ timeout: 30_000 })
  // The frames the animated code shows, as a camera would see them one after another, until they decode.
  const frames: string[] = []
  const decoder = new URDecoder()
  await expect.poll(async () => {
    const frame = await qr.getAttribute('data-frame')
    if (frame && !frames.includes(frame)) {
      frames.push(frame)
      decoder.receivePart(frame)
    }
    return decoder.isComplete()
  }, { timeout: 30_000, interval: 100 }).toBe(true)
  const answer = signer.sign(frames)
  expect(signer.signed[0]).toMatchObject({ path: "m/44'/60'/0'/0/0", chainId: devnet.chainId, origin: 'Latchkey' })
  expect(signer.signed[0]!.transaction).toMatchObject({ to: recipient.toLowerCase(), value: parseEther('0.2') })
  await page.getByLabel('Signature text').fill(answer.join('\n'))
  await page.getByRole('button', { name: 'Use this signature' }).click()
  await page.getByTestId('receipt-status').waitFor({ timeout: 45_000 })
  await expect(page.getByTestId('receipt-status').textContent()).resolves.toMatch(/^Confirmed: receipt verified in block \d+$/)
  expect(await anvil.getBalance({ address: recipient })).toBe(before + parseEther('0.2'))
  await page.close()
}, 150_000)
