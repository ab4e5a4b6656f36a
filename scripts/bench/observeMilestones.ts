/** When (ms since navigation start, the page's own clock) the app first reached each milestone. */
export type Milestones = {
  firstContentfulPaint?: number
  /** The last of the app's own JavaScript files arrived (responseEnd; lazy chunks included). */
  scriptsLoaded?: number
  /** The light client runs and reported its first state (worker loaded and started: data-light-client="running"; markers only). */
  running?: number
  /** The light client left bootstrapping (data-sync-status="syncing"; markers only). */
  syncing?: number
  synced?: number
  /** The first verified balance, at whatever head the client had (may predate the synced head). */
  verifiedBalance?: number
  verifiedBlock?: string
  /** The first verified balance while synced, at a block the synced head reached. */
  headBalance?: number
  headBlock?: string
  marker: 'data-attributes' | 'test-ids' | 'none' }

/**
 * Page script for Playwright's addInitScript (a string: functions compiled by tsx carry helper
 * calls that do not exist in the page). A MutationObserver stamps performance.now() the first time
 * the DOM shows a synced light client and a verified balance, so the times do not depend on how
 * often the bench polls. It uses the app's stable markers (data-sync-status, data-verified-balance
 * with data-block) and falls back to the e2e tests' selectors (no sync banner under a rendered
 * header; "Verified at block N" in the balance badge) for builds without them.
 */
export const OBSERVE_MILESTONES_SCRIPT = `(() => {
  const seen = { marker: 'none' }
  globalThis.__benchMilestones = seen
  const check = () => {
    const now = performance.now()
    const status = document.querySelector('[data-sync-status]')
    if (status) seen.marker = 'data-attributes'
    else if (document.querySelector('[data-testid="network-name"]')) seen.marker = 'test-ids'
    // Without markers, "no sync banner" means synced only once the document is fully parsed
    // (while parsing, the banner may simply not have arrived yet).
    const synced = status
      ? status.getAttribute('data-sync-status') === 'synced'
      : seen.marker === 'test-ids' && document.readyState !== 'loading' && !document.querySelector('[data-testid="sync-banner"]')
    if (status?.getAttribute('data-light-client') === 'running' && seen.running === undefined) seen.running = now
    if (status?.getAttribute('data-sync-status') === 'syncing' && seen.syncing === undefined) seen.syncing = now
    if (synced && seen.synced === undefined) {
      seen.synced = now
      seen.blockBeforeSync = seen.verifiedBlock
      // The synced head's block, where the build says it (data-head-block): then a balance counts
      // exactly when it is at that block or later, whenever its proof landed.
      seen.syncedHeadBlock = status?.getAttribute('data-head-block') ?? undefined
    }
    let block
    const balance = document.querySelector('[data-verified-balance]')
    if (balance) block = balance.getAttribute('data-block') ?? ''
    else if (seen.marker === 'test-ids')
      for (const badge of document.querySelectorAll('[data-testid="balance-status"]')) {
        const match = /^Verified at block (\\d+)/.exec(badge.textContent ?? '')
        if (match) block = match[1]
      }
    if (block === undefined) return
    if (seen.verifiedBalance === undefined) {
      seen.verifiedBalance = now
      seen.verifiedBlock = block
    }
    // A balance proven at a head before the synced one (even if that proof lands after the sync)
    // does not count. Without data-head-block (older builds): one shown before the sync does not.
    const atHead = seen.syncedHeadBlock !== undefined
      ? Number(block) >= Number(seen.syncedHeadBlock)
      : seen.blockBeforeSync === undefined || Number(block) > Number(seen.blockBeforeSync)
    if (seen.synced !== undefined && seen.headBalance === undefined && atHead) {
      seen.headBalance = now
      seen.headBlock = block
    }
  }
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true })
  document.addEventListener('readystatechange', check)
})()`

/** Page expression: the milestones and the first-contentful-paint entry. */
export const READ_MILESTONES_SCRIPT = `({
  ...(globalThis.__benchMilestones ?? { marker: 'none' }),
  blockBeforeSync: undefined,
  syncedHeadBlock: undefined,
  firstContentfulPaint: performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime,
  scriptsLoaded: Math.max(0, ...performance.getEntriesByType('resource').filter((e) => e.name.startsWith(location.origin) && /\.js$/.test(new URL(e.name).pathname)).map((e) => e.responseEnd)) || undefined,
})`

/** Page expression: true once both milestones are reached. */
export const MILESTONES_REACHED_SCRIPT = `globalThis.__benchMilestones?.headBalance !== undefined`
