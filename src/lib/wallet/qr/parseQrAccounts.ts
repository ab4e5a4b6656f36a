import { CryptoAccount, CryptoHDKey } from '@keystonehq/bc-ur-registry-eth'
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { HDKey } from '@scure/bip32'
import { type Address, bytesToHex } from 'viem'
import { publicKeyToAddress } from 'viem/accounts'
import { QrAccountError } from './errors.ts'

export type QrAccount = { address: Address; /** m/44'/60'/0'/0/i */ path: string }
export type ParseQrAccountsParameters = { type: string; cbor: Buffer; /** How many addresses of an extended key to list (from `start`). */ count?: number; start?: number }
export type ParseQrAccountsReturnType = { walletName: string; sourceFingerprint: number; accounts: QrAccount[] }

const uncompressed = (key: Uint8Array) => bytesToHex(secp256k1.Point.fromBytes(key).toBytes(false))

/**
 * Accounts from an air-gapped signer's export (ERC-4527): a crypto-hdkey (an extended public key,
 * usually at m/44'/60'/0': addresses at .../0/i, as MetaMask does) or a crypto-account (one key per
 * account, as for Ledger Live paths m/44'/60'/i'/0/0). Only public keys are in either.
 */
export function parseQrAccounts({ type, cbor, count = 5, start = 0 }: ParseQrAccountsParameters): ParseQrAccountsReturnType {
  if (type === 'crypto-hdkey') {
    const key = CryptoHDKey.fromCBOR(cbor)
    if (key.isPrivateKey()) throw new QrAccountError({ reason: 'it holds a private key; export the public key (Connect software wallet) instead' })
    const chainCode = key.getChainCode()
    const origin = key.getOrigin()
    if (!chainCode || !origin) throw new QrAccountError({ reason: 'the key has no chain code or origin path' })
    const base = `m/${origin.getPath()}`
    if (!base.startsWith("m/44'/60'/")) throw new QrAccountError({ reason: `its path ${base} is not an Ethereum path (m/44'/60'/...)` })
    const hd = new HDKey({ publicKey: Uint8Array.from(key.getKey()), chainCode: Uint8Array.from(chainCode) })
    const accounts = Array.from({ length: count }, (_, k) => {
      const i = start + k
      return { address: publicKeyToAddress(uncompressed(hd.deriveChild(0).deriveChild(i).publicKey!)), path: `${base}/0/${i}` }
    })
    return { walletName: key.getName() || 'QR signer', sourceFingerprint: fingerprintOf(origin.getSourceFingerprint()), accounts }
  }
  if (type === 'crypto-account') {
    const account = CryptoAccount.fromCBOR(cbor)
    const accounts = account.getOutputDescriptors().map((output) => {
      const key = output.getHDKey()
      const origin = key?.getOrigin()
      if (!key || !origin) throw new QrAccountError({ reason: 'an entry has no key or path' })
      return { address: publicKeyToAddress(uncompressed(Uint8Array.from(key.getKey()))), path: `m/${origin.getPath()}` }
    })
    if (accounts.length === 0) throw new QrAccountError({ reason: 'it lists no account' })
    const name = account.getOutputDescriptors()[0]?.getHDKey()?.getName()
    return { walletName: name || 'QR signer', sourceFingerprint: fingerprintOf(account.getMasterFingerprint()), accounts }
  }
  throw new QrAccountError({ reason: `a ${type} is not an account export` })
}

function fingerprintOf(bytes: Buffer | undefined): number {
  if (!bytes || bytes.length !== 4) throw new QrAccountError({ reason: 'the master key fingerprint is missing' })
  return bytes.readUInt32BE(0)
}
