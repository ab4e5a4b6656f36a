import type { Page } from 'playwright-core'

/** How far the page scrolls sideways (0 when nothing sticks out of the viewport). */
export function horizontalOverflow(page: Page): Promise<{ overflow: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth
    const overflow = document.documentElement.scrollWidth - width
    const culprits: string[] = []
    if (overflow > 0)
      for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect()
        if (r.right > width + 1 && r.width > 0 && culprits.length < 5) culprits.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')} right=${Math.round(r.right)}`)
      }
    return { overflow, culprits }
  })
}

/** The header's visible children and whether they all sit on one line (same row, no wrap). */
export function headerLines(page: Page): Promise<{ lines: number; items: string[] }> {
  return page.evaluate(() => {
    const header = document.querySelector('header')
    if (!header) return { lines: 0, items: [] }
    const visible = [...header.querySelectorAll<HTMLElement>(':scope > *, nav > ul > li')].filter((el) => {
      const r = el.getBoundingClientRect()
      return r.width > 0 && r.height > 0 && getComputedStyle(el).position !== 'fixed'
    })
    // Items on one line overlap vertically; a wrapped item starts below the first line's bottom.
    const tops: number[] = []
    for (const el of visible) {
      const r = el.getBoundingClientRect()
      if (!tops.some((t) => Math.abs(t - (r.top + r.height / 2)) < r.height / 2)) tops.push(r.top + r.height / 2)
    }
    return { lines: tops.length, items: visible.map((el) => `${el.tagName.toLowerCase()}:${(el.textContent ?? '').trim().slice(0, 30)}`) }
  })
}

/** Interactive elements of the page that a fixed or sticky overlay (a toast) covers. */
export function coveredControls(page: Page, overlaySelector: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const overlay = document.querySelector(selector)
    if (!overlay) return []
    const o = overlay.getBoundingClientRect()
    const covered: string[] = []
    for (const el of document.querySelectorAll<HTMLElement>('main a, main button, main input, main select, main textarea, main summary')) {
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0) continue
      if (r.left < o.right && r.right > o.left && r.top < o.bottom && r.bottom > o.top) covered.push(`${el.tagName.toLowerCase()}:${(el.textContent ?? '').trim().slice(0, 30)}`)
    }
    return covered
  }, overlaySelector)
}
