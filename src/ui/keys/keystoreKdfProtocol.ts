import type { KeystoreKdf } from '../../lib/wallet/keystoreKdf.ts'

/** Page -> keystore worker: one derivation per worker. */
export type ToKeystoreWorker = { password: Uint8Array; kdf: KeystoreKdf }

/** Keystore worker -> page. The error keeps its name and fields, so the page rebuilds the same class. */
export type FromKeystoreWorker =
  | { type: 'progress'; fraction: number }
  | { type: 'key'; key: Uint8Array }
  | { type: 'error'; error: { name: string; message: string; parameter?: string; value?: string | number; limit?: string; details?: string } }
