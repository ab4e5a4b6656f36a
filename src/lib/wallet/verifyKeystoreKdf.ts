import { KeystoreParametersRejectedError } from './errors.ts'
import type { KeystoreKdf } from './keystoreKdf.ts'
import { keystoreLimits as limits } from './keystoreLimits.ts'

export type VerifyKeystoreKdfParameters = { kdf: KeystoreKdf }
export type VerifyKeystoreKdfReturnType = KeystoreKdf
export type VerifyKeystoreKdfErrorType = KeystoreParametersRejectedError

const MiB = 1024 * 1024
const formatBytes = (bytes: number) => (bytes >= 1024 * MiB ? `${+(bytes / (1024 * MiB)).toFixed(1)} GiB` : `${+(bytes / MiB).toFixed(1)} MiB`)

function reject(parameter: string, value: string | number, limit: string, details?: string): never {
  throw new KeystoreParametersRejectedError({ parameter, value, limit, details })
}

function integerWithin(parameter: string, value: number, min: number, max: number): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) reject(parameter, value, `an integer from ${min} to ${max.toLocaleString('en-US')}`)
}

/**
 * Checks a decoded KDF against keystoreLimits; all of it is arithmetic on the settings, so a
 * hostile file is refused before a byte is derived. Run again by whoever derives (the worker too).
 */
export function verifyKeystoreKdf({ kdf }: VerifyKeystoreKdfParameters): VerifyKeystoreKdfReturnType {
  integerWithin('crypto.kdfparams.dklen', kdf.dkLen, limits.dkLen.min, limits.dkLen.max)
  if (kdf.salt.length < limits.saltBytes.min || kdf.salt.length > limits.saltBytes.max)
    reject('crypto.kdfparams.salt', `${kdf.salt.length} bytes`, `${limits.saltBytes.min} to ${limits.saltBytes.max} bytes`)
  if (kdf.kdf === 'pbkdf2') {
    integerWithin('crypto.kdfparams.c', kdf.c, 1, limits.pbkdf2MaxIterations)
    return kdf
  }
  const { n, r, p } = kdf
  // RFC 7914: n is a power of two above 1 (scrypt's index is n's low bits).
  if (!Number.isSafeInteger(n) || n < 2 || 2 ** Math.round(Math.log2(n)) !== n) reject('crypto.kdfparams.n', n, 'a power of two, at least 2')
  integerWithin('crypto.kdfparams.r', r, 1, limits.scryptMaxCostBytes / 256)
  integerWithin('crypto.kdfparams.p', p, 1, limits.scryptMaxP)
  const cost = 128 * r * n * p
  if (cost > limits.scryptMaxCostBytes)
    reject('scrypt cost 128·r·n·p', formatBytes(cost), `at most ${formatBytes(limits.scryptMaxCostBytes)}`, `n=${n}, r=${r}, p=${p}`)
  return kdf
}
