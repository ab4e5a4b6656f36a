import { secp256k1 } from '@noble/curves/secp256k1.js'
import { HDKey } from '@scure/bip32'
import { type Address, bytesToHex } from 'viem'
import { publicKeyToAddress } from 'viem/accounts'
import { QrAccountError, QrCodeError } from './errors.ts'
import { readCryptoAccount, readCryptoHdKey } from './ur/registry.ts'

export type QrAccount = { address: Address; /** m/44'/60'/0'/0/i */ path: string }
export type ParseQrAccountsParameters = { type: string; cbor: Uint8Array; /** How many addresses of an extended key to list (from `start`). */ count?: number; start?: number }
export type ParseQrAccountsReturnType = { walletName: string; sourceFingerprint: number; accounts: QrAccount[] }

const uncompressed = (key: Uint8Array) => bytesToHex(secp256k1.Point.fromBytes(key).toBytes(false))

/** The registry item, or QrCodeError when its CBOR is not that item (damaged or another structure). */
function read<T>(type: string, parse: () => T): T {
  try {
    return parse()
  } catch (cause) {
    if (cause instanceof QrAccountError) throw cause
    throw new QrCodeError({ expected: type, found: type, reason: `it is damaged (${(cause as Error)?.message ?? cause})` })
  }
}

/**
 * Accounts from an air-gapped signer's export (ERC-4527): a crypto-hdkey (an extended public key,
 * usually at m/44'/60'/0': addresses at .../0/i, as MetaMask does) or a crypto-account (one key per
 * account, as for Ledger Live paths m/44'/60'/i'/0/0). Only public keys are in either.
 */
export function parseQrAccounts({ type, cbor, count = 5, start = 0 }: ParseQrAccountsParameters): ParseQrAccountsReturnType {
  if (type === 'crypto-hdkey') {
    const key = read(type, () => readCryptoHdKey(cbor))
    if (key.isPrivate) throw new QrAccountError({ reason: 'it holds a private key; export the public key (Connect software wallet) instead' })
    const { chainCode, origin } = key
    if (!chainCode || !origin) throw new QrAccountError({ reason: 'the key has no chain code or origin path' })
    const base = `m/${origin.path}`
    if (!base.startsWith("m/44'/60'/")) throw new QrAccountError({ reason: `its path ${base} is not an Ethereum path (m/44'/60'/...)` })
    const hd = read(type, () => new HDKey({ publicKey: key.key, chainCode }))
    const accounts = Array.from({ length: count }, (_, k) => {
      const i = start + k
      return { address: publicKeyToAddress(uncompressed(hd.deriveChild(0).deriveChild(i).publicKey!)), path: `${base}/0/${i}` }
    })
    return { walletName: key.name || 'QR signer', sourceFingerprint: fingerprintOf(origin.sourceFingerprint), accounts }
  }
  if (type === 'crypto-account') {
    const account = read(type, () => readCryptoAccount(cbor))
    const accounts = account.keys.map((key) => {
      if (!key || !key.origin) throw new QrAccountError({ reason: 'an entry has no key or path' })
      return { address: publicKeyToAddress(read(type, () => uncompressed(key.key))), path: `m/${key.origin.path}` }
    })
    if (accounts.length === 0) throw new QrAccountError({ reason: 'it lists no account' })
    return { walletName: account.keys[0]?.name || 'QR signer', sourceFingerprint: fingerprintOf(account.masterFingerprint), accounts }
  }
  throw new QrAccountError({ reason: `a ${type} is not an account export` })
}

function fingerprintOf(bytes: Uint8Array | undefined): number {
  if (!bytes || bytes.length !== 4) throw new QrAccountError({ reason: 'the master key fingerprint is missing' })
  return new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0)
}
