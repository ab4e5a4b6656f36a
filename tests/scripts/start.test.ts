import { spawn } from 'node:child_process'
import { request } from 'node:http'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { mnemonicToAccount } from 'viem/accounts'
import { afterAll, describe, expect, it } from 'vitest'
import { confirmConnectLink } from '../e2e/confirmConnectLink.ts'
import { type TestBrowser, launchBrowser } from '../helpers/browser.ts'

const root = path.resolve(import.meta.dirname, '../..')

/** GET through 127.0.0.1 with the URL's own Host header: *.localhost names need no resolver. */
function get(url: URL): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: url.port, path: url.pathname + url.search, headers: { host: url.host } }, (res) => {
      let body = ''
      res.on('data', (c: Buffer) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('npm start', () => {
  let tmp: string | undefined
  let browser: TestBrowser | undefined
  afterAll(async () => {
    await browser?.close()
    if (tmp) await rm(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
  })

  it('comes up with no internet and prints a URL that, after one confirmation, opens a working devnet wallet on its own origin', async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'latchkey-start-'))
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/start.ts', '--port', '0', '--beacon-port', '0', '--rpc-port', '0', '--repo', path.join(tmp, 'ipfs'), '--out-dir', path.join(tmp, 'dist')],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let out = ''
    child.stdout.on('data', (c: Buffer) => (out += c))
    child.stderr.on('data', (c: Buffer) => (out += c))
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    try {
      await expect.poll(() => out, { timeout: 150_000, interval: 200 }).toContain('Ctrl-C to stop')
      const link = /Open the app:\s+(\S+)/.exec(out)?.[1]
      expect(link).toBeDefined()
      const url = new URL(link!)
      expect(url.hostname).toMatch(/^bafy[a-z2-7]+\.ipfs\.localhost$/)

      const page = await get(url)
      expect(page.status).toBe(200)
      expect(page.body).toContain('<title>Latchkey</title>')
      expect(String(page.headers['content-security-policy'])).toContain("default-src 'self'")
      // Its relative assets load from the same origin.
      const script = /src="(\.\/assets\/[^"]+\.js)"/.exec(page.body)?.[1]
      expect(script).toBeDefined()
      expect((await get(new URL(script!, url))).status).toBe(200)

      // The fragment hands the app the devnet, and the devnet answers.
      const params = new URLSearchParams(url.hash.replace(/^#\/connect\?/, ''))
      expect(params.get('network')).toBe('devnet')
      expect(params.get('checkpoint')).toMatch(/^0x[0-9a-f]{64}$/)
      const bootstrap = await fetch(`${params.get('beacon')}/eth/v1/beacon/light_client/bootstrap/${params.get('checkpoint')}`)
      expect(bootstrap.status).toBe(200)
      const chainId = await fetch(params.get('rpc')!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' })
      expect(((await chainId.json()) as { result: string }).result).toBe('0x539')

      // In a browser: the link opens its review (the devnet is a custom network); one confirmation
      // sets it up, and the printed dev account's balance is verified.
      browser = await launchBrowser()
      const tab = await browser.newPage()
      await tab.goto(link!)
      await tab.getByRole('heading', { name: 'Review this link' }).waitFor({ timeout: 30_000 })
      await expect(tab.getByTestId('review-chain-id').textContent({ timeout: 30_000 })).resolves.toBe('1337')
      await expect(tab.getByTestId('network-name').textContent()).resolves.toBe('Ethereum mainnet')
      await expect(confirmConnectLink(tab, link!)).resolves.toBe('Add network')
      await expect(tab.getByTestId('network-name').textContent()).resolves.toBe('devnet')
      const mnemonic = /Dev mnemonic:\s+(.+)/.exec(out)?.[1]?.trim()
      const account = mnemonicToAccount(mnemonic!).address
      await tab.getByRole('link', { name: 'Watch an address' }).click()
      await tab.getByLabel('Address to watch (0x…)').fill(account)
      await tab.getByRole('button', { name: 'Import' }).click()
      await tab.getByRole('heading', { name: 'Home' }).waitFor({ timeout: 30_000 })
      await expect(tab.locator('header [data-network-kind]').textContent()).resolves.toBe('devnet custom network')
      await tab.locator('[data-verified-balance]').waitFor({ timeout: 60_000 })
    } finally {
      child.kill('SIGINT')
    }
    expect(await exited).toBe(0)
  }, 240_000)
})
