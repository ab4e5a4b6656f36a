import type { Page } from 'playwright-core'
import { createPublicClient, http } from 'viem'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Devnet } from '../../scripts/devnet/startDevnet.ts'
import type { TestBrowser } from '../helpers/browser.ts'
import { type FaultProxy, startFaultProxy, tamperJson } from '../helpers/faultProxy.ts'
import { confirmConnectLink } from './confirmConnectLink.ts'
import { dumpOnFailure, useE2e, watchAddress } from './harness.ts'
import type { ServedApp } from './serveApp.ts'

const e2e = useE2e()
let devnet: Devnet
let app: ServedApp
let browser: TestBrowser
let page: Page
let rpc: FaultProxy
let newest = 0n
let polling: ReturnType<typeof setInterval> | undefined

beforeAll(async () => {
  ;({ devnet, app, browser, page } = e2e)
  rpc = await startFaultProxy({ target: devnet.rpcUrl })
})

afterAll(async () => {
  clearInterval(polling)
  await rpc?.close()
})

it('an RPC a block behind the light client ("header not found" for the newest head): the balance is verified at the parent and says so; the RPC is not marked faulty', async () => {
  dumpOnFailure(page, browser, 'lagging-rpc')
  const anvil = createPublicClient({ transport: http(devnet.rpcUrl) })
  // The only RPC acts like a node that lags: it refuses proofs for the two newest blocks anvil has
  // (the light client's head is the newest attested one, a block below anvil's own head). Proofs
  // are asked by block hash (EIP-1898), so the test keeps anvil's hash -> number map.
  const numbers = new Map<string, bigint>()
  let known = -1n
  const follow = async () => {
    const latest = await anvil.getBlockNumber()
    for (let n = known + 1n; n <= latest; n++) numbers.set((await anvil.getBlock({ blockNumber: n })).hash, n)
    known = latest
    newest = latest
  }
  await follow()
  let following = false
  polling = setInterval(() => {
    if (following) return
    following = true
    void follow().catch(() => undefined).finally(() => { following = false })
  }, 100)
  const proofBlock = (body: Buffer) => {
    const hash = /"eth_getProof".*?"blockHash":"(0x[0-9a-f]{64})"/.exec(body.toString())?.[1]
    // A hash the test has not seen yet is a block newer than its last look: the newest.
    return hash === undefined ? undefined : numbers.get(hash) ?? newest + 1n
  }
  rpc.setRules([{
    match: ({ requestBody }) => { const b = proofBlock(requestBody); return b !== undefined && b >= newest - 1n },
    fault: { kind: 'tamper', transform: tamperJson((j) => { delete j.result; j.error = { code: -32000, message: 'header not found' } }) },
  }])

  const query = new URLSearchParams({ network: 'devnet', beacon: devnet.beaconUrl, rpc: rpc.url, checkpoint: devnet.checkpointRoot })
  await confirmConnectLink(page, `${app.subdomainUrl}#/connect?${query}`)
  await watchAddress(page, devnet.accounts[0])

  // Wait for a balance read that fell back (the note names the head the RPC did not serve).
  const note = page.getByTestId('balance-fallback')
  await note.waitFor({ timeout: 60_000 })
  const shown = await page.evaluate(() => {
    const box = document.querySelector('[data-verified-balance]')
    return { wei: box?.getAttribute('data-verified-balance'), block: box?.getAttribute('data-block'), note: document.querySelector('[data-testid="balance-fallback"]')?.textContent }
  })
  expect(shown.wei, 'a verified balance is shown').toBeTruthy()
  const from = BigInt(/newest verified block, (\d+)/.exec(shown.note ?? '')?.[1] ?? '-1')
  expect(BigInt(shown.block!)).toBeLessThan(from)
  expect(from - BigInt(shown.block!)).toBeLessThanOrEqual(2n)
  expect(shown.wei).toBe((await anvil.getBalance({ address: devnet.accounts[0], blockNumber: BigInt(shown.block!) })).toString())
  expect(rpc.log.some((r) => r.fault === 'tamper')).toBe(true)
  await expect(page.getByTestId('balance-status').first().textContent()).resolves.toMatch(/^Verified at block \d+/)

  // Not a fault: Network & trust does not call the RPC faulty, and no liar banner appears.
  await expect(page.getByTestId('liar-banner').count()).resolves.toBe(0)
  await page.getByRole('link', { name: 'Network & trust' }).first().click()
  await page.getByRole('heading', { name: 'Network & trust' }).waitFor()
  await expect(page.locator('body').innerText()).resolves.not.toMatch(/faulty|served false data/i)
}, 120_000)
