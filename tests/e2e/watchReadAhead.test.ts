import type { Request } from 'playwright-core'
import { expect, it } from 'vitest'
import { confirmConnectLink } from './confirmConnectLink.ts'
import { connectLink, dumpOnFailure, useE2e } from './harness.ts'

// Slots long enough that no new head lands between the click and the screen's read (a head
// there would rightly make the screen read at it).
const e2e = useE2e({ devnets: [{ secondsPerSlot: 4 }] })

/** Whether this request to the RPC asks for `address`'s account proof. */
const asksProofOf = (request: Request, address: string) => {
  const body = request.postData()
  if (!body) return false
  const calls = [JSON.parse(body)].flat() as { method?: string; params?: unknown[] }[]
  return calls.some((c) => c.method === 'eth_getProof' && String(c.params?.[0]).toLowerCase() === address.toLowerCase())
}

it("reads a watched address's balance while it is typed: Import shows it verified with no proof asked after the click", async () => {
  const { page, browser, devnet, app } = e2e
  dumpOnFailure(page, browser, 'watch-read-ahead')
  const address = devnet.accounts[2]!
  const proofs: { at: number; finished: boolean }[] = []
  let clickedAt = Number.POSITIVE_INFINITY
  page.on('request', (r) => { if (r.url().startsWith(devnet.rpcUrl) && asksProofOf(r, address)) proofs.push({ at: Date.now(), finished: false }) })
  page.on('requestfinished', (r) => { if (r.url().startsWith(devnet.rpcUrl) && asksProofOf(r, address)) proofs.findLast((p) => !p.finished)!.finished = true })

  await confirmConnectLink(page, connectLink(app, devnet))
  await page.locator('[data-sync-status="synced"]').waitFor({ timeout: 60_000 })
  await page.getByRole('link', { name: 'Watch an address' }).click()
  await page.getByLabel('Address to watch (0x…)').fill(address)
  // The read ahead: its proof was asked and answered while the form is still open.
  await expect.poll(() => proofs.some((p) => p.finished), { timeout: 30_000 }).toBe(true)
  clickedAt = Date.now()
  await page.getByRole('button', { name: 'Import' }).click()
  const balance = page.locator('[data-verified-balance]')
  await balance.waitFor({ timeout: 30_000 })
  expect(proofs.filter((p) => p.at >= clickedAt)).toEqual([])
  expect(Number(await balance.getAttribute('data-block'))).toBeGreaterThan(0)
})

it('reads nothing ahead for text that is not a valid address (a wrong checksum included)', async () => {
  const { page, devnet } = e2e
  const address = devnet.accounts[3]!
  const flip = (c: string) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())
  const letter = [...address].findIndex((c, i) => i > 1 && /[a-f]/i.test(c))
  const wrongChecksum = address.slice(0, letter) + flip(address[letter]!) + address.slice(letter + 1)
  const asked: string[] = []
  page.on('request', (r) => {
    const body = r.url().startsWith(devnet.rpcUrl) ? r.postData() : null
    for (const c of body ? ([JSON.parse(body)].flat() as { method?: string; params?: unknown[] }[]) : []) if (c.method === 'eth_getProof') asked.push(String(c.params?.[0]).toLowerCase())
  })
  await page.goto(`${e2e.app.subdomainUrl}#/import?kind=watch`)
  const input = page.getByLabel('Address to watch (0x…)')
  for (const text of [address.slice(0, 30), `${address}00`, `${address.slice(0, -1)}g`, wrongChecksum]) await input.fill(text)
  // Then the valid one: once its proof is asked, none was asked for the texts before it.
  await input.fill(address.toLowerCase())
  await expect.poll(() => asked.includes(address.toLowerCase()), { timeout: 30_000 }).toBe(true)
  const watched = e2e.devnet.accounts[2]!.toLowerCase() // the first test's account, read at each head
  expect(asked.filter((a) => a !== watched && a !== address.toLowerCase())).toEqual([])
  expect(asked.slice(0, asked.indexOf(address.toLowerCase())).every((a) => a === watched)).toBe(true)
})
