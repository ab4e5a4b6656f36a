import { mnemonicToSeedSync } from '@scure/bip39'
import { bytesToHex } from 'viem'
import { describe, expect, it } from 'vitest'
import { createBackupChallenge } from '../../../src/lib/wallet/createBackupChallenge.ts'
import { createMnemonic } from '../../../src/lib/wallet/createMnemonic.ts'
import { deriveHdAccount, hdPath } from '../../../src/lib/wallet/deriveHdAccount.ts'
import {
  BackupCheckFailedError,
  InvalidMnemonicChecksumError,
  InvalidMnemonicWordCountError,
  UnknownMnemonicWordError,
} from '../../../src/lib/wallet/errors.ts'
import { verifyBackupAnswers } from '../../../src/lib/wallet/verifyBackupAnswers.ts'
import { verifyMnemonic } from '../../../src/lib/wallet/verifyMnemonic.ts'

const anvilMnemonic = 'test test test test test test test test test test test junk'
const abandon = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'

describe('createMnemonic', () => {
  it('makes valid 12 and 24 word phrases that differ each time', () => {
    const a = createMnemonic()
    const b = createMnemonic({ words: 24 })
    expect(a.split(' ')).toHaveLength(12)
    expect(b.split(' ')).toHaveLength(24)
    expect(verifyMnemonic({ mnemonic: a })).toBe(a)
    expect(verifyMnemonic({ mnemonic: b })).toBe(b)
    expect(createMnemonic()).not.toBe(a)
  })
})

describe('verifyMnemonic', () => {
  it('normalizes spacing and case', () => {
    expect(verifyMnemonic({ mnemonic: `  ${anvilMnemonic.toUpperCase().replaceAll(' ', '  \n')} ` })).toBe(anvilMnemonic)
  })
  it('names an unknown word and its position', () => {
    const bad = anvilMnemonic.replace('test test test', 'test tset test')
    const err = (() => { try { verifyMnemonic({ mnemonic: bad }) } catch (e) { return e } })()
    expect(err).toBeInstanceOf(UnknownMnemonicWordError)
    expect((err as UnknownMnemonicWordError).position).toBe(2)
    expect((err as UnknownMnemonicWordError).word).toBe('tset')
    expect((err as Error).message).toContain('Word 2 ("tset")')
  })
  it('rejects a wrong checksum (a valid word swapped in)', () => {
    expect(() => verifyMnemonic({ mnemonic: anvilMnemonic.replace('junk', 'test') })).toThrow(InvalidMnemonicChecksumError)
    expect(() => verifyMnemonic({ mnemonic: abandon.replace('about', 'abandon') })).toThrow(InvalidMnemonicChecksumError)
  })
  it('rejects a wrong word count', () => {
    const err = (() => { try { verifyMnemonic({ mnemonic: anvilMnemonic.split(' ').slice(0, 11).join(' ') }) } catch (e) { return e } })()
    expect(err).toBeInstanceOf(InvalidMnemonicWordCountError)
    expect((err as InvalidMnemonicWordCountError).count).toBe(11)
    expect(() => verifyMnemonic({ mnemonic: '' })).toThrow(InvalidMnemonicWordCountError)
  })
})

describe('BIP-39 / BIP-44 vectors', () => {
  it('BIP-39 reference vector (all-zero entropy, passphrase TREZOR) gives the published seed', () => {
    expect(bytesToHex(mnemonicToSeedSync(verifyMnemonic({ mnemonic: abandon }), 'TREZOR'))).toBe(
      '0xc55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04',
    )
  })
  it("derives anvil's published dev accounts on m/44'/60'/0'/0/i", () => {
    expect(hdPath(3)).toBe("m/44'/60'/0'/0/3")
    expect(deriveHdAccount({ mnemonic: anvilMnemonic, index: 0 }).address).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266')
    expect(deriveHdAccount({ mnemonic: anvilMnemonic, index: 1 }).address).toBe('0x70997970C51812dc3A010C7d01b50e0d17dc79C8')
    expect(deriveHdAccount({ mnemonic: anvilMnemonic, index: 2 }).address).toBe('0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC')
  })
  it('derives the well-known first address of the all-zero-entropy phrase', () => {
    expect(deriveHdAccount({ mnemonic: abandon, index: 0 }).address).toBe('0x9858EfFD232B4033E47d90003D41EC34EcaEda94')
  })
  it('a passphrase changes the accounts', () => {
    expect(deriveHdAccount({ mnemonic: abandon, index: 0, passphrase: 'x' }).address).not.toBe('0x9858EfFD232B4033E47d90003D41EC34EcaEda94')
  })
  it('refuses an invalid phrase or index', () => {
    expect(() => deriveHdAccount({ mnemonic: anvilMnemonic.replace('junk', 'test'), index: 0 })).toThrow(InvalidMnemonicChecksumError)
    expect(() => hdPath(-1)).toThrow(RangeError)
    expect(() => hdPath(2 ** 31)).toThrow(RangeError)
  })
})

describe('backup check', () => {
  it('asks for k distinct positions within the phrase', () => {
    for (let i = 0; i < 50; i++) {
      const { positions } = createBackupChallenge({ mnemonic: anvilMnemonic, count: 4 })
      expect(new Set(positions).size).toBe(4)
      for (const p of positions) expect(p >= 1 && p <= 12).toBe(true)
      expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    }
  })
  it('uses the injected randomness', () => {
    expect(createBackupChallenge({ mnemonic: anvilMnemonic, count: 3, randomInt: () => 0 }).positions).toEqual([1, 2, 3])
  })
  it('accepts right answers and names wrong or missing ones', () => {
    const words = abandon.split(' ')
    const positions = [2, 7, 12]
    verifyBackupAnswers({ mnemonic: abandon, positions, answers: { 2: words[1], 7: ' Abandon ', 12: 'about' } })
    const err = (() => {
      try { verifyBackupAnswers({ mnemonic: abandon, positions, answers: { 2: 'abandon', 12: 'abandon' } }) } catch (e) { return e }
    })()
    expect(err).toBeInstanceOf(BackupCheckFailedError)
    expect((err as BackupCheckFailedError).wrongPositions).toEqual([7, 12])
  })
})
