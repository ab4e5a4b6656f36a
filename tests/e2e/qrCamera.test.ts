import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import QRCode from 'qrcode'
import { mnemonicToAccount } from 'viem/accounts'
import { afterAll, beforeAll, expect, it, onTestFailed } from 'vitest'
import type { Devnet } from '../../scripts/devnet/startDevnet.ts'
import { type TestBrowser, launchBrowser } from '../helpers/browser.ts'
import { startTestDevnet } from '../helpers/devnet.ts'
import { SoftwareQrSigner } from '../helpers/qrSigner.ts'
import { confirmConnectLink } from './confirmConnectLink.ts'
import { type ServedApp, serveApp } from './serveApp.ts'

// The camera path of the QR signers: Chromium's fake capture device plays a Y4M file showing the
// signer's account export as a QR code; the page reads it with getUserMedia and @paulmillr/qr's decoder (src/lib/qr/decodeQrFrame.ts).
const mnemonic = 'legal winner thank year wave sausage worth useful legal winner thank yellow'
const signer = new SoftwareQrSigner({ mnemonic })
let dir: string
let devnet: Devnet
let app: ServedApp
let browser: TestBrowser

/** A Y4M (4:2:0) video of one QR code, repeated: luma from the code's modules, neutral chroma. */
async function qrVideo(file: string, text: string) {
  const width = 640
  const height = 480
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'L' })
  const scale = Math.floor(Math.min(width, height) / (modules.size + 8))
  const left = Math.floor((width - modules.size * scale) / 2)
  const top = Math.floor((height - modules.size * scale) / 2)
  const y = Buffer.alloc(width * height, 255)
  for (let r = 0; r < modules.size; r++)
    for (let c = 0; c < modules.size; c++)
      if (modules.get(r, c)) for (let dy = 0; dy < scale; dy++) y.fill(0, (top + r * scale + dy) * width + left + c * scale, (top + r * scale + dy) * width + left + (c + 1) * scale)
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128)
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma])
  await writeFile(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F5:1 Ip A1:1 C420jpeg\n`), ...Array.from({ length: 10 }, () => frame)]))
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'latchkey-qr-camera-'))
  const video = path.join(dir, 'account.y4m')
  await qrVideo(video, signer.exportHdKey({ name: 'Keystone' }).toUpperCase())
  ;[devnet, app, browser] = await Promise.all([
    startTestDevnet(),
    serveApp(),
    launchBrowser({ args: ['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`, '--use-fake-ui-for-media-stream'] }),
    mkdir('.scratch/screenshots', { recursive: true }),
  ]) as [Devnet, ServedApp, TestBrowser, unknown]
})

afterAll(async () => {
  await browser?.close()
  await app?.close()
  await devnet?.stop()
  await rm(dir, { recursive: true, force: true })
})

it('a QR signer\'s account export is read from the camera (getUserMedia + decodeQrFrame) and its accounts are listed', async () => {
  const page = await browser.newPage()
  onTestFailed(async () => {
    console.error('page text:\n', await page.locator('body').innerText().catch(() => '?'), '\nbrowser errors:\n', browser.errors.join('\n'))
    await page.screenshot({ path: '.scratch/screenshots/qr-camera-failure.png', fullPage: true }).catch(() => undefined)
  })
  const connect = new URLSearchParams({ network: 'devnet', beacon: devnet.beaconUrl, rpc: devnet.rpcUrl, checkpoint: devnet.checkpointRoot })
  await confirmConnectLink(page, `${app.subdomainUrl}#/connect?${connect}`)
  await page.getByRole('link', { name: /^Connect a QR signer/ }).click()
  await page.getByRole('button', { name: 'Scan with the camera' }).click()
  const list = page.getByTestId('qr-accounts')
  await list.waitFor({ timeout: 30_000 })
  await expect(list.locator('li').count()).resolves.toBe(5)
  await expect(list.locator('li').first().textContent()).resolves.toContain(mnemonicToAccount(mnemonic).address)
  await expect(page.getByText(/^Keystone \(master key fingerprint [0-9a-f]{8}\)/).count()).resolves.toBe(1)
  await page.getByRole('button', { name: `Add ${mnemonicToAccount(mnemonic).address.slice(0, 8)}…` }).click()
  await page.getByRole('heading', { name: 'Home' }).waitFor({ timeout: 30_000 })
  await page.close()
}, 120_000)
