// The table lives in src/lib/ipfs so the app's service worker serves the same types as the gateway.
export { contentTypeFor } from '../../src/lib/ipfs/contentTypeFor.ts'
