import type { Address, Hash, Hex, LocalAccount, TransactionSerializableEIP1559, TypedDataDefinition } from 'viem'
import { getAddress, isHash, getTypesForEIP712Domain, numberToHex, parseTransaction, recoverTransactionAddress, serializeTypedData, stringToHex, toHex } from 'viem'
import { toAccount } from 'viem/accounts'
import { ExternalSignerError, ExternalSignerUnsupportedMethodError, WalletSendAnswerError } from './errors.ts'
import type { Eip1193Request } from './guardExternalProvider.ts'
import { guardExternalProvider } from './guardExternalProvider.ts'

export type CreateExternalSignerParameters = {
  /** An EIP-1193 provider, e.g. from an EIP-6963 announcement (see watchExternalSigners). */
  provider: { request: Eip1193Request }
  /** Which of the wallet's accounts to use; default the first one it grants. */
  address?: Address
}
export type ExternalSigner = {
  /** A viem account whose signing goes to the browser wallet. */
  account: LocalAccount
  /**
   * For wallets without eth_signTransaction (MetaMask): the wallet signs and broadcasts through
   * its own RPC. Only a write; the result is still followed through the verified transport.
   */
  sendTransaction(transaction: TransactionSerializableEIP1559): Promise<Hash>
}

const rpcTransaction = (from: Address, tx: TransactionSerializableEIP1559) => ({
  from,
  to: tx.to ?? undefined,
  value: numberToHex(tx.value ?? 0n),
  data: tx.data ?? '0x',
  nonce: numberToHex(tx.nonce ?? 0),
  gas: tx.gas === undefined ? undefined : numberToHex(tx.gas),
  maxFeePerGas: tx.maxFeePerGas === undefined ? undefined : numberToHex(tx.maxFeePerGas),
  maxPriorityFeePerGas: tx.maxPriorityFeePerGas === undefined ? undefined : numberToHex(tx.maxPriorityFeePerGas),
  chainId: numberToHex(tx.chainId),
  type: '0x2',
})

// EIP-1193 4200 (unsupported method), JSON-RPC -32601 (method not found), or only words (some wallets use -32603 or -32000).
const unsupportedWords = /not supported|unsupported|does not exist|is not available|method not found|not implemented/i

/** Whether a wallet's refusal says it does not implement the method (rather than a user rejection or a failure). */
export function isUnsupportedMethod(cause: unknown): boolean {
  const { code, message } = (cause ?? {}) as { code?: number; message?: string }
  if (code === 4001) return false
  return code === 4200 || code === -32601 || (typeof message === 'string' && unsupportedWords.test(message))
}

async function call<T>(request: Eip1193Request, method: string, params: unknown[]): Promise<T> {
  try {
    return (await request({ method, params })) as T
  } catch (cause) {
    const code = (cause as { code?: number }).code
    if (isUnsupportedMethod(cause)) throw new ExternalSignerUnsupportedMethodError({ method, code, cause })
    const reason = code === 4001 ? 'the request was rejected in the wallet' : `${method} failed`
    throw new ExternalSignerError({ reason, cause })
  }
}

/** Adapts an injected wallet to a viem account, signing only (EIP-1193 + EIP-6963 wallets). */
export async function createExternalSigner({ provider, address }: CreateExternalSignerParameters): Promise<ExternalSigner> {
  const request = guardExternalProvider({ provider })
  const granted = (await call<string[]>(request, 'eth_requestAccounts', [])).map((a) => getAddress(a))
  const from = address ? getAddress(address) : granted[0]
  if (!from || !granted.includes(from)) throw new ExternalSignerError({ reason: `the wallet did not grant access to ${address ?? 'any account'}` })

  const account = toAccount({
    address: from,
    async signMessage({ message }) {
      const data = typeof message === 'string' ? stringToHex(message) : typeof message.raw === 'string' ? message.raw : toHex(message.raw)
      return call<Hex>(request, 'personal_sign', [data, from])
    },
    async signTypedData(typedData) {
      const { domain, types, primaryType, message } = typedData as TypedDataDefinition
      // serializeTypedData keeps only the domain fields EIP712Domain lists, so list them.
      const withDomain = { EIP712Domain: getTypesForEIP712Domain({ domain }), ...types }
      return call<Hex>(request, 'eth_signTypedData_v4', [from, serializeTypedData({ domain, types: withDomain, primaryType, message } as unknown as TypedDataDefinition)])
    },
    async signTransaction(transaction) {
      const tx = transaction as TransactionSerializableEIP1559
      const answer = await call<Hex | { raw: Hex }>(request, 'eth_signTransaction', [rpcTransaction(from, tx)])
      const raw = typeof answer === 'string' ? answer : answer.raw
      // The wallet must sign exactly what the user reviewed, with the right key.
      const signed = parseTransaction(raw) as TransactionSerializableEIP1559
      const same = (['to', 'value', 'data', 'nonce', 'gas', 'maxFeePerGas', 'maxPriorityFeePerGas', 'chainId'] as const).every((k) => {
        const a = signed[k] ?? (k === 'data' ? '0x' : k === 'value' ? 0n : undefined)
        const b = tx[k] ?? (k === 'data' ? '0x' : k === 'value' ? 0n : undefined)
        return typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b
      })
      if (!same) throw new ExternalSignerError({ reason: 'the wallet returned a transaction different from the one reviewed' })
      const signer = await recoverTransactionAddress({ serializedTransaction: raw as never })
      if (signer !== from) throw new ExternalSignerError({ reason: `the wallet signed with ${signer}, not ${from}` })
      return raw
    },
  })
  return {
    account,
    async sendTransaction(transaction) {
      const answer = await call<unknown>(request, 'eth_sendTransaction', [rpcTransaction(from, transaction)])
      if (typeof answer !== 'string' || !isHash(answer)) throw new WalletSendAnswerError({ answer: JSON.stringify(answer) ?? String(answer) })
      return answer.toLowerCase() as Hash
    },
  }
}
