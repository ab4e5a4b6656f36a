import { getContext, setContext } from 'svelte'
import type { AppState } from './appState.svelte.ts'
import { AppContextMissingError } from './errors.ts'

const KEY = Symbol('latchkey-app')

export function setApp(app: AppState): AppState {
  return setContext(KEY, app)
}

/** The shared app state (set once by App.svelte). */
export function getApp(): AppState {
  const app = getContext<AppState | undefined>(KEY)
  if (!app) throw new AppContextMissingError()
  return app
}
