import type { Address, Hex, LocalAccount, TransactionSerializableEIP1559 } from 'viem'
import { bytesToHex, getAddress, hexToBytes, recoverTransactionAddress, serializeTransaction, stringToBytes } from 'viem'
import { toAccount } from 'viem/accounts'
import { type LedgerTransport, createLedgerEth, toLedgerError } from './createLedgerEth.ts'
import { LedgerSignatureError, LedgerUnsupportedError } from './errors.ts'
import { resolveLedgerTransaction } from './resolveLedgerTransaction.ts'
import { verifyLedgerAddress } from './verifyLedgerAddress.ts'

export type CreateLedgerAccountParameters = {
  transport: LedgerTransport
  /** Without `m/`: 44'/60'/0'/0/0 (see ledgerPath). */
  path: string
  /** The account's address, as chosen when it was added: the device must derive the same. */
  address: Address
  /** For tests: another token-descriptor blob. */
  tokenBlob?: string
}

/** A viem account whose keys stay on the Ledger; every signature is checked against the account's address before use. */
export async function createLedgerAccount({ transport, path, address, tokenBlob }: CreateLedgerAccountParameters): Promise<LocalAccount> {
  const from = getAddress(address)
  // Another seed (or a passphrase) on the device would sign for another address: refuse before showing anything.
  await verifyLedgerAddress({ transport, path, address: from })
  const eth = createLedgerEth({ transport })
  return toAccount({
    address: from,
    async signMessage({ message }) {
      const bytes = typeof message === 'string' ? stringToBytes(message) : typeof message.raw === 'string' ? hexToBytes(message.raw) : message.raw
      const { v, r, s } = await eth.signPersonalMessage({ path, message: bytes }).catch((e) => { throw toLedgerError(e) })
      return `${bytesToHex(r)}${bytesToHex(s).slice(2)}${v.toString(16).padStart(2, '0')}` as Hex
    },
    async signTypedData() {
      throw new LedgerUnsupportedError({ what: 'typed data' })
    },
    async signTransaction(transaction) {
      const tx = transaction as TransactionSerializableEIP1559 & { chainId: number }
      if (tx.type !== undefined && tx.type !== 'eip1559') throw new LedgerUnsupportedError({ what: `a ${tx.type} transaction` })
      const unsigned = serializeTransaction({ ...tx, type: 'eip1559' })
      const { token } = await resolveLedgerTransaction({ transaction: tx, blob: tokenBlob })
      const { v: yParity, r, s } = await (async () => {
        // The descriptor goes first: the app shows the next transaction's token call in clear with it.
        if (token) await eth.provideErc20TokenInformation(hexToBytes(`0x${token.hex}`))
        return eth.signTransaction({ path, unsigned: hexToBytes(unsigned) })
      })().catch((e) => { throw toLedgerError(e) })
      if (yParity !== 0 && yParity !== 1) throw new LedgerSignatureError({ expected: from })
      const signed = serializeTransaction({ ...tx, type: 'eip1559' }, { r: bytesToHex(r), s: bytesToHex(s), yParity })
      const signer = await recoverTransactionAddress({ serializedTransaction: signed }).catch((cause) => { throw new LedgerSignatureError({ expected: from, cause }) })
      if (signer !== from) throw new LedgerSignatureError({ expected: from, actual: signer })
      return signed
    },
  })
}
