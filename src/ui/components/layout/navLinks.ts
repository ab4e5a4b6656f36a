import type { IconName } from '../common/Icon.svelte'

/**
 * The app's main navigation, where each link goes:
 * - `tab`: inline on desktop and a bottom tab on phones (keep these to four);
 * - `header`: inline on wide screens (72rem and up), under "More" on narrower ones;
 * - `more`: always under "More" (the header must fit one line at 1280 px with a vault unlocked,
 *   which tests/e2e/design.test.ts checks; a new screen's link goes here unless it is a main one).
 * - `phone`: under "More" on phones only: Settings, which is the header's gear (App.svelte) on wider
 *   screens. Network & trust is also the sync pill, at every width.
 */
export type NavLink = { href: string; path: string; label: string; icon: IconName; place: 'tab' | 'header' | 'more' | 'phone' }

export const navLinks: NavLink[] = [
  { href: '#/home', path: '/home', label: 'Home', icon: 'home', place: 'tab' },
  { href: '#/send', path: '/send', label: 'Send', icon: 'send', place: 'tab' },
  { href: '#/receive', path: '/receive', label: 'Receive', icon: 'receive', place: 'tab' },
  { href: '#/activity', path: '/activity', label: 'Activity', icon: 'activity', place: 'tab' },
  { href: '#/contract', path: '/contract', label: 'Contract', icon: 'contract', place: 'more' },
  { href: '#/approvals', path: '/approvals', label: 'Approvals', icon: 'approvals', place: 'more' },
  { href: '#/network', path: '/network', label: 'Network & trust', icon: 'network', place: 'header' },
  { href: '#/settings', path: '/settings', label: 'Settings', icon: 'settings', place: 'phone' },
]
