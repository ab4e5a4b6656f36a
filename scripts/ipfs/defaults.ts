import { resolve } from 'node:path'

/** `.latchkey/` at the root of the checkout: local state, ignored by git. */
export const stateDir = resolve(import.meta.dirname, '../../.latchkey')
/** Where the node keeps its blocks, pins and peer key unless told otherwise. */
export const defaultRepoPath = resolve(stateDir, 'ipfs')
/** Overrides defaultRepoPath (the --repo flag overrides both). */
export const repoEnvVar = 'LATCHKEY_IPFS_REPO'
/** Where `npm run publish` writes latchkey-<cid>.car. */
export const defaultCarDir = stateDir
/** The HTTP gateway port of `npm run serve` (Kubo's gateway uses the same). */
export const defaultGatewayPort = 8080
