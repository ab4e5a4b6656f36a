import { expect, it } from 'vitest'
import { traceHistory } from '../helpers/historyOracle.ts'
import { runHistoryScenario } from '../helpers/historyScenario.ts'
import { confirmConnectLink } from './confirmConnectLink.ts'
import { connectLink, dumpOnFailure, shot, useE2e, watchAddress } from './harness.ts'

const e2e = useE2e()

it('Activity shows the verified history of a watched account, complete over its range, with the tokens it met flagged new', async () => {
  const { devnet, app, browser, page } = e2e
  dumpOnFailure(page, browser, 'history')
  // ETH, an OpenZeppelin ERC-20 and ERC-721 in and out, 300 blocks apart (mined between slots).
  const scenario = await runHistoryScenario({ rpcUrl: devnet.rpcUrl, accounts: devnet.accounts, mine: (n) => devnet.mineBlocks(n) })

  await confirmConnectLink(page, connectLink(app, devnet))
  await watchAddress(page, scenario.user)
  await page.getByRole('link', { name: 'Activity' }).first().click()

  // The range reaches past the scenario once the verified head does.
  const complete = page.getByTestId('history-complete')
  await expect.poll(async () => BigInt((await complete.getAttribute('data-to-block')) || '0'), { timeout: 90_000 }).toBeGreaterThan(scenario.lastBlock)
  const from = BigInt((await complete.getAttribute('data-from-block'))!)
  const to = BigInt((await complete.getAttribute('data-to-block'))!)
  // From block 2: anvil's genesis header does not commit to the chain's state, so block 0 proves nothing.
  expect(from).toBe(2n)
  await expect(complete.textContent()).resolves.toContain(`Complete from block ${from} to ${to}`)

  // What is listed is what anvil traced in that range (newest first on screen).
  const expected = await traceHistory({ rpcUrl: devnet.rpcUrl, address: scenario.user, from, to })
  const items = page.getByTestId('history-item')
  await expect.poll(() => items.count(), { timeout: 30_000 }).toBe(expected.length)
  const shown = await items.evaluateAll((els) => els.map((el) => `${el.getAttribute('data-block')} ${el.getAttribute('data-asset')} ${el.getAttribute('data-direction')}`))
  const want = expected.map((t) => `${t.blockNumber} ${t.asset} ${t.to?.toLowerCase() === scenario.user ? 'in' : 'out'}`)
  expect([...shown].sort()).toEqual([...want].sort())
  await expect(page.getByTestId('history-amount').allTextContents()).resolves.toEqual(expect.arrayContaining(['1 ETH', '0.25 ETH', '0.5 ETH', 'HNFT #1']))

  // The ERC-20 and the NFT collection it met are new (not in the token list); the ERC-20 can be added.
  const fresh = page.getByTestId('history-new-token')
  await expect.poll(() => fresh.count(), { timeout: 30_000 }).toBe(2)
  await expect.poll(() => fresh.allTextContents(), { timeout: 30_000 }).toEqual(expect.arrayContaining([expect.stringContaining('Token HIST'), expect.stringContaining('NFT collection HNFT')]))
  await shot(page, 'activity-history')
  await fresh.filter({ hasText: 'Token HIST' }).getByRole('button', { name: 'Add to my tokens' }).click()
  await expect.poll(() => fresh.count(), { timeout: 30_000 }).toBe(1)
  await expect(page.getByTestId('history-amount').allTextContents()).resolves.toEqual(expect.arrayContaining(['0.0000000000000001 HIST']))

  // Kept in IndexedDB: after a reload the proven range is there again.
  await page.reload()
  await page.getByRole('link', { name: 'Activity' }).first().click()
  await expect.poll(async () => BigInt((await page.getByTestId('history-complete').getAttribute('data-to-block')) || '0'), { timeout: 60_000 }).toBeGreaterThanOrEqual(to)
  await expect(page.getByTestId('history-complete').getAttribute('data-from-block')).resolves.toBe('2')
  expect(browser.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([])
}, 240_000)
