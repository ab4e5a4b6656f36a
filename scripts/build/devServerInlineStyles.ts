import type { Plugin } from 'vite'

const STRICT = "style-src 'self';"

/**
 * `npm run dev` only: Vite's dev server injects every stylesheet as a `<style>` element (so that
 * it can hot-reload them), which the app's policy (`style-src 'self'`, no 'unsafe-inline') refuses.
 * The dev server's page gets 'unsafe-inline' for styles; the build keeps index.html's strict
 * policy (tests/e2e/csp.test.ts checks it on every screen).
 */
export function devServerInlineStyles(): Plugin {
  return {
    name: 'latchkey:dev-server-inline-styles',
    apply: 'serve',
    transformIndexHtml(html) {
      if (!html.includes(STRICT)) throw new Error(`index.html's Content-Security-Policy has no "${STRICT}": update scripts/build/devServerInlineStyles.ts with it`)
      return html.replace(STRICT, "style-src 'self' 'unsafe-inline';")
    },
  }
}
