import type { Component } from 'svelte'
import { whenIdle } from '../whenIdle.ts'

type ScreenModule = Promise<{ default: Component }>

// The first screens a visit shows (Welcome, Unlock, Home, a link's review) come with the first paint; every other
// screen is its own chunk, loaded when it is opened (its ABI, ENS, QR or export code with it).
const lazy: Record<string, () => ScreenModule> = {
  '/create': () => import('./CreateWallet.svelte'),
  '/import': () => import('./ImportWallet.svelte'),
  '/send': () => import('./Send.svelte'),
  '/receive': () => import('./Receive.svelte'),
  '/activity': () => import('./Activity.svelte'),
  '/contract': () => import('./Contract.svelte'),
  '/approvals': () => import('./Approvals.svelte'),
  '/network': () => import('./NetworkTrust.svelte'),
  '/settings': () => import('./SettingsScreen.svelte'),
  '/verify-proof': () => import('./VerifyProof.svelte'),
  '/about': () => import('./About.svelte'),
  '/move-in': () => import('./MoveIn.svelte'),
}

// One import per screen and visit: a screen opened again renders at once. A failed one is not
// kept, so opening it again tries again (a gateway hiccup).
const loaded = new Map<string, ScreenModule>()

export const isLazyScreen = (path: string): boolean => path in lazy

/** The screen's module, loaded once. */
export function loadScreen(path: string): ScreenModule {
  let screen = loaded.get(path)
  if (!screen) {
    screen = lazy[path]!()
    screen.catch(() => loaded.delete(path))
    loaded.set(path, screen)
  }
  return screen
}

/**
 * Starts loading a screen the user is likely to open next (code only: nothing in it runs before
 * it is shown), so that opening it waits for no request: the import form while a link's review or
 * Welcome is read.
 */
export function preloadScreen(path: string): void {
  loadScreen(path).catch(() => {}) // shown by the route when it is opened
}

/**
 * preloadScreen at the page's next idle moment (at most `timeoutMs` later): for the screen after
 * the one being shown, so that the preload's work (Vite's link tags, the request) is not part of
 * the task that renders this one.
 */
export function preloadScreenWhenIdle(path: string, timeoutMs = 300): void {
  whenIdle(() => preloadScreen(path), timeoutMs)
}
