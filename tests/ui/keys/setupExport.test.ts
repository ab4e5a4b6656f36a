import { describe, expect, it } from 'vitest'
import { SetupFileRejectedError } from '../../../src/lib/wallet/errors.ts'
import { PasswordTooShortError, UnreadableFileError, WrongExportPasswordError } from '../../../src/ui/keys/errors.ts'
import { decryptSetup, encryptSetup } from '../../../src/ui/keys/setupExport.ts'

const bundle = { settings: {} as never, vaultRecord: 'sealed' }

describe('setup export files', () => {
  it('round-trips with the right password and refuses a wrong one', async () => {
    const text = await encryptSetup({ bundle, password: 'correct horse' })
    expect(await decryptSetup({ text, password: 'correct horse' })).toEqual(bundle)
    await expect(decryptSetup({ text, password: 'wrong horse!' })).rejects.toThrow(/Wrong export password/)
    await expect(decryptSetup({ text, password: 'wrong horse!' })).rejects.toBeInstanceOf(WrongExportPasswordError)
  })

  it('names each refusal by its kind: a short export password, a file that is not an export', async () => {
    await expect(encryptSetup({ bundle, password: 'short' })).rejects.toBeInstanceOf(PasswordTooShortError)
    await expect(decryptSetup({ text: 'not json', password: 'correct horse' })).rejects.toBeInstanceOf(UnreadableFileError)
    await expect(decryptSetup({ text: JSON.stringify({ format: 'other', version: 1 }), password: 'correct horse' })).rejects.toThrow(/this copy understands/)
  })

  it.each([
    ['kdf.iterations', (f: any) => { f.kdf.iterations = 2 ** 40 }],
    ['kdf.iterations', (f: any) => { f.kdf.iterations = 1.5 }],
    ['kdf.iterations', (f: any) => { f.kdf.iterations = '600000' }],
    ['kdf', (f: any) => { f.kdf.hash = 'SHA-1' }],
    ['salt', (f: any) => { f.kdf.salt = 'not base64!' }],
    ['ciphertext', (f: any) => { delete f.ciphertext }],
  ])('refuses a file with a hostile or broken %s before deriving anything', async (parameter, tamper) => {
    const file = JSON.parse(await encryptSetup({ bundle, password: 'correct horse' }))
    tamper(file)
    const error = await decryptSetup({ text: JSON.stringify(file), password: 'correct horse' }).catch((e) => e)
    expect(error).toBeInstanceOf(SetupFileRejectedError)
    expect(error.parameter).toBe(parameter)
  })
})
