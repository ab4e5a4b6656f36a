import type { Page } from 'playwright-core'
import { DEV_MNEMONIC } from '../devnet/anvil.ts'
import type { Devnet } from '../devnet/startDevnet.ts'

/** A screen the tour stopped at, ready (its data loaded), for a check or a screenshot. */
export type TourStop = { name: string; path: string; unlocked: boolean }

export type TourScreensParameters = {
  page: Page
  /** The app's root URL (the subdomain gateway URL, as users open it). */
  appUrl: string
  devnet: Devnet
  /** Called at every screen once it is ready; may resize the page, switch the colour scheme, etc. */
  visit: (stop: TourStop) => Promise<void>
  /** Only stop at these screens (all when omitted). */
  only?: string[]
  timeout?: number
}

export const PASSWORD = 'correct horse battery'
const RECIPIENT = '0x000000000000000000000000000000000000bEEF'

/**
 * Walks every screen of the app on a devnet the way a user does: the link's review, Welcome, the
 * onboarding forms, then a wallet with the devnet's funded dev account (its recovery phrase), its
 * verified Home, Send (form, review with the simulated preview, verified receipt), Receive,
 * Activity, Contract, Approvals, Network & trust, Settings, About, and Unlock after Lock. Used by the e2e design test
 * (axe and layout at every stop) and by `npm run screenshots`. A new screen adds its stop here.
 */
export async function tourScreens({ page, appUrl, devnet, visit, only, timeout = 45_000 }: TourScreensParameters): Promise<string[]> {
  const visited: string[] = []
  const stop = async (name: string, unlocked: boolean) => {
    if (only && !only.includes(name)) return
    visited.push(name)
    await visit({ name, path: new URL(page.url()).hash.slice(1) || '/', unlocked })
  }
  const go = async (hash: string) => {
    await page.evaluate((h) => { location.hash = h }, hash)
  }
  const heading = (name: string | RegExp) => page.getByRole('heading', { name, level: 1 }).waitFor({ timeout })

  const connect = new URLSearchParams({ network: 'devnet', beacon: devnet.beaconUrl, rpc: devnet.rpcUrl, checkpoint: devnet.checkpointRoot })
  await page.goto(`${appUrl}#/connect?${connect}`)
  await page.getByRole('button', { name: 'Add network', exact: true }).waitFor({ timeout })
  await stop('connect', false)
  await page.getByRole('button', { name: 'Add network', exact: true }).click()
  await heading('Welcome to Latchkey')
  await stop('welcome', false)

  await go('/create')
  await page.getByTestId('mnemonic-word').first().waitFor({ timeout })
  await stop('create', false)
  for (const kind of ['mnemonic', 'privateKey', 'keystore', 'watch', 'external', 'ledger', 'qr']) {
    await go(`/import?kind=${kind}`)
    await page.locator(`[data-import-kind="${kind}"]`).waitFor({ timeout })
    await stop(`import-${kind}`, false)
  }

  // The devnet's dev account: funded, so Home shows a real verified balance.
  await go('/import?kind=mnemonic')
  await page.locator('[data-import-kind="mnemonic"]').waitFor({ timeout })
  await page.getByLabel('Recovery phrase (12 to 24 words)').fill(DEV_MNEMONIC)
  await page.getByLabel("Password for this browser's vault").fill(PASSWORD)
  await page.getByLabel('Repeat the password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Import' }).click()
  await heading('Home')
  await page.locator('[data-sync-status="synced"]').waitFor({ timeout })
  await page.locator('[data-testid="balance-status"]').filter({ hasText: /^Verified at block/ }).first().waitFor({ timeout })
  await stop('home', true)

  await go('/send')
  await heading(/^Send/)
  await page.getByRole('group', { name: 'Available' }).locator('[data-state="verified"], [data-freshness="current"]').first().waitFor({ timeout }).catch(() => undefined)
  await stop('send', true)
  await page.getByLabel('Recipient address').fill(RECIPIENT)
  await page.getByLabel('Amount (ETH)').fill('0.25')
  await page.getByRole('button', { name: 'Review' }).click()
  await page.locator('[data-testid="balance-preview"][data-preview-status="ready"]').waitFor({ timeout })
  await stop('send-review', true)
  await page.getByRole('button', { name: 'Sign and send' }).click()
  await page.getByTestId('receipt-status').waitFor({ timeout })
  await stop('send-done', true)

  await go('/receive')
  await page.getByTestId('qr').waitFor({ timeout })
  await stop('receive', true)
  await go('/activity')
  await page.getByTestId('activity-item').first().waitFor({ timeout })
  await stop('activity', true)
  await go('/contract')
  await heading('Contract')
  await stop('contract', true)
  await go('/approvals')
  await heading('Approvals')
  await stop('approvals', true)
  await go('/network')
  await page.getByTestId('lc-status').filter({ hasText: 'synced' }).waitFor({ timeout })
  await stop('network', true)
  await go('/settings')
  await heading('Settings')
  await stop('settings', true)
  await go('/verify-proof')
  await page.getByTestId('proof-ready').waitFor({ timeout })
  await stop('verify-proof', true)
  await go('/about')
  await heading(/About/)
  await stop('about', true)

  await page.getByRole('button', { name: 'Lock' }).click()
  await heading('Unlock')
  await stop('unlock', false)
  return visited
}
