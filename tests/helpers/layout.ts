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

/**
 * How many lines the header's content takes: every visible line box of its text, and its images
 * and icons, grouped by vertical position (a wrapped item, or text wrapping inside an item, adds a
 * line). The phone's fixed tab bar is left out. `items` names the header's visible parts.
 */
export function headerLines(page: Page): Promise<{ lines: number; items: string[] }> {
  return page.evaluate(() => {
    const header = document.querySelector('header')
    if (!header) return { lines: 0, items: [] }
    // Left out: the phone's fixed tab bar, and what is not rendered (display:none, a closed menu's content).
    const inFixed = (node: Node) => {
      const start = node instanceof Element ? node : node.parentElement
      if (!start?.checkVisibility({ visibilityProperty: true })) return true
      for (let el: Element | null = start; el && el !== header; el = el.parentElement)
        if (getComputedStyle(el).position === 'fixed') return true
      return false
    }
    const boxes: DOMRect[] = []
    const walker = document.createTreeWalker(header, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // Visually hidden text (a 1-px clipped box, for screen readers) takes no line.
      const box = node.parentElement?.getBoundingClientRect()
      if (!node.textContent?.trim() || inFixed(node) || !box || box.width <= 1 || box.height <= 1) continue
      const range = document.createRange()
      range.selectNodeContents(node)
      boxes.push(...[...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0))
    }
    for (const el of header.querySelectorAll('img, svg')) if (!inFixed(el)) boxes.push(el.getBoundingClientRect())
    const centers: number[] = []
    for (const r of boxes) {
      const c = r.top + r.height / 2
      if (!centers.some((t) => Math.abs(t - c) < 10)) centers.push(c)
    }
    const items = [...header.querySelectorAll<HTMLElement>(':scope > *, nav > ul > li')]
      .filter((el) => el.getBoundingClientRect().width > 0 && !inFixed(el))
      .map((el) => `${el.tagName.toLowerCase()}:${(el.textContent ?? '').trim().slice(0, 30)}`)
    return { lines: centers.length, items }
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
