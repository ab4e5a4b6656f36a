import { type CallReturnType, type PublicActions, type PublicClient, type Transport, createClient } from 'viem'
import { getBlock, getCode, getTransaction, getTransactionCount, getTransactionReceipt, sendRawTransaction } from 'viem/actions'
import { call } from './actions/call.ts'
import { estimateGas } from './actions/estimateGas.ts'
import { type VerifiedGetBalanceParameters, getBalance } from './actions/getBalance.ts'
import { readContract } from './actions/readContract.ts'
import type { VerifiedCallParameters } from './actions/VerifiedCallParameters.ts'

type ViemActions = 'getBlock' | 'getCode' | 'getTransaction' | 'getTransactionCount' | 'getTransactionReceipt' | 'sendRawTransaction'

/** The verified client's own actions (src/lib/rpc/actions): viem's, less what a verified read never does. */
type OwnActions = {
  call: (parameters: VerifiedCallParameters) => Promise<CallReturnType>
  estimateGas: (parameters: VerifiedCallParameters) => Promise<bigint>
  getBalance: (parameters: VerifiedGetBalanceParameters) => Promise<bigint>
  readContract: PublicActions['readContract']
}

/** A viem client with the actions Latchkey reads and sends with, and nothing else of `publicActions`. */
export type VerifiedClient = Pick<PublicClient, ViemActions | 'request' | 'transport' | 'chain' | 'uid'> & OwnActions

export type CreateVerifiedClientParameters = {
  /** The verified transport (`verified()`): every answer is checked against the light client's headers. */
  transport: Transport
  pollingInterval?: number
}

/**
 * `createPublicClient` binds every public action (watchers, filters, multicall, signature
 * verification, ...) and so brings all of them into the bundle: about 30 kB gzip the app never
 * runs. This client binds only the actions the app calls: viem's, and for call, estimateGas,
 * getBalance and readContract thin ones of its own (src/lib/rpc/actions say what they leave out); anything else
 * is a type error, not a runtime surprise.
 */
export function createVerifiedClient({ transport, pollingInterval }: CreateVerifiedClientParameters): VerifiedClient {
  const client = createClient({ transport, pollingInterval }).extend((client): Pick<PublicActions, ViemActions> => ({
    getBlock: (args) => getBlock(client, args) as never,
    getCode: (args) => getCode(client, args),
    getTransaction: (args) => getTransaction(client, args) as never,
    getTransactionCount: (args) => getTransactionCount(client, args),
    getTransactionReceipt: (args) => getTransactionReceipt(client, args),
    sendRawTransaction: (args) => sendRawTransaction(client, args),
  }))
  // Not through `extend`: viem's types hold an extension's `call`, `estimateGas`, `getBalance`
  // and `readContract` to the signatures of its own actions, which take more than these do.
  const own: OwnActions = {
    call: (args) => call(client, args),
    estimateGas: (args) => estimateGas(client, args),
    getBalance: (args) => getBalance(client, args),
    readContract: (args) => readContract(client, args),
  }
  return Object.assign(client, own)
}
