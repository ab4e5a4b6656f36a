import type { Page } from 'playwright-core'
/**
 * Waits until no finite animation or transition runs (a colour-scheme switch fades the buttons'
 * colours for a moment; contrast is judged on the colours that stay). Endless ones (a skeleton's
 * shimmer, the sync dot's pulse) carry no text and are left running.
 */
export async function settleTransitions(page: Page, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  const running = () => page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getComputedTiming().iterations !== Infinity).length)
  while ((await running()) > 0) {
    if (Date.now() > deadline) throw new Error(`animations still running after ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Waits for running transitions and for every image to be decoded, so a screenshot is complete. */
export async function settle(page: Page): Promise<void> {
  await settleTransitions(page)
  await page.evaluate(() => Promise.all([...document.images].map((img) => img.decode().catch(() => undefined))))
}
