/**
 * Where sw.js, imported by a page instead of run as its service worker, leaves its IPFS code for
 * loadInspectRelease.ts (Symbol.for: the same key without importing sw.js's modules into a chunk).
 */
export const pageIpfsKey = Symbol.for('latchkey.ipfs')
