import type { BlsBackend } from './BlsBackend.ts'
import { createNobleBls } from './nobleBls.ts'

/**
 * Node: native blst through @chainsafe/bls (the fastest here, what the CLI and tests run);
 * browsers and workers: @noble/curves (README, light-client section: chosen by measurement).
 * The specifier is computed so that the browser build does not bundle the native backend.
 */
export async function loadDefaultBls(): Promise<BlsBackend> {
  const node = typeof process !== 'undefined' && typeof process.versions?.node === 'string' && typeof window === 'undefined'
  if (!node) return createNobleBls()
  const specifier = './' + 'chainsafeBls.ts'
  return ((await import(/* @vite-ignore */ specifier)) as { chainsafeBls: BlsBackend }).chainsafeBls
}
