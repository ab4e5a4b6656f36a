import { SetupFileRejectedError } from '../../lib/wallet/errors.ts'
import { keystoreLimits } from '../../lib/wallet/keystoreLimits.ts'
import type { SettingsData } from '../../lib/settings/settingsData.ts'
import { PasswordTooShortError, UnreadableFileError, WrongExportPasswordError } from './errors.ts'

/** Everything a user set up, to carry to another copy (each release is a new origin with empty storage). */
export type SetupBundle = { settings: SettingsData; vaultRecord: string | undefined }

export type SetupFile = { format: 'latchkey-setup'; version: 1; kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string }; iv: string; ciphertext: string }

const ITERATIONS = 600_000 // OWASP's PBKDF2-HMAC-SHA256 minimum
const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0))

async function deriveKey(password: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveKey'])
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations }, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])
}

/** Encrypts the setup with an export password (PBKDF2 + AES-GCM, WebCrypto); the vault inside stays encrypted with its own password too. */
export async function encryptSetup({ bundle, password }: { bundle: SetupBundle; password: string }): Promise<string> {
  if (password.length < 8) throw new PasswordTooShortError({ what: 'export password', minLength: 8 })
  const salt = crypto.getRandomValues(new Uint8Array(16))
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const key = await deriveKey(password, salt, ITERATIONS)
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(JSON.stringify(bundle))))
  const file: SetupFile = { format: 'latchkey-setup', version: 1, kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: ITERATIONS, salt: b64(salt) }, iv: b64(iv), ciphertext: b64(ciphertext) }
  return JSON.stringify(file, null, 2)
}

export async function decryptSetup({ text, password }: { text: string; password: string }): Promise<SetupBundle> {
  let file: SetupFile
  try {
    file = JSON.parse(text)
  } catch (cause) {
    throw new UnreadableFileError('This file is not a Latchkey setup export (not JSON).', { cause })
  }
  if (file.format !== 'latchkey-setup' || file.version !== 1) throw new UnreadableFileError('This file is not a Latchkey setup export this copy understands.')
  assertSaneKdf(file)
  const key = await deriveKey(password, unb64(file.kdf.salt), file.kdf.iterations)
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: unb64(file.iv) }, key, unb64(file.ciphertext))
    return JSON.parse(new TextDecoder().decode(plain)) as SetupBundle
  } catch {
    throw new WrongExportPasswordError()
  }
}

/** The file chose its own KDF settings: past the keystore limits, opening it would freeze the tab (checked before any work). */
function assertSaneKdf(file: SetupFile): void {
  const kdf = file.kdf as Partial<SetupFile['kdf']> | undefined
  if (kdf?.name !== 'PBKDF2' || kdf.hash !== 'SHA-256') throw new SetupFileRejectedError({ parameter: 'kdf', value: kdf?.name, limit: 'PBKDF2 with SHA-256' })
  const { iterations } = kdf
  if (typeof iterations !== 'number' || !Number.isSafeInteger(iterations) || iterations < 1 || iterations > keystoreLimits.pbkdf2MaxIterations)
    throw new SetupFileRejectedError({ parameter: 'kdf.iterations', value: iterations, limit: `a whole number from 1 to ${keystoreLimits.pbkdf2MaxIterations.toLocaleString('en')}` })
  for (const field of ['salt', 'iv', 'ciphertext'] as const) {
    const text = field === 'salt' ? kdf.salt : file[field]
    if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length === 0)
      throw new SetupFileRejectedError({ parameter: field, value: typeof text === 'string' ? `${text.slice(0, 16)}…` : text, limit: 'base64 text' })
  }
}
