/** How the vault's AES key is derived from the password (stored in the record's authenticated header). */
export type VaultKdf =
  | { name: 'scrypt'; N: number; r: number; p: number }
  | { name: 'pbkdf2-sha256'; iterations: number }

/**
 * OWASP Password Storage Cheat Sheet minimums: scrypt N=2^17, r=8, p=1; PBKDF2-HMAC-SHA256 600,000
 * iterations. scrypt is the default because it is memory-hard.
 */
export const defaultVaultKdf: VaultKdf = { name: 'scrypt', N: 2 ** 17, r: 8, p: 1 }
export const recommendedPbkdf2Kdf: VaultKdf = { name: 'pbkdf2-sha256', iterations: 600_000 }
