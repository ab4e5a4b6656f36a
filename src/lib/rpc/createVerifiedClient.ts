import { type PublicActions, type PublicClient, type Transport, createClient } from 'viem'
import { call, estimateGas, getBalance, getBlock, getCode, getTransaction, getTransactionCount, getTransactionReceipt, readContract, sendRawTransaction } from 'viem/actions'

type ReadActions = 'call' | 'estimateGas' | 'getBalance' | 'getBlock' | 'getCode' | 'getTransaction' | 'getTransactionCount' | 'getTransactionReceipt' | 'readContract' | 'sendRawTransaction'

/** A viem client with the actions Latchkey reads and sends with, and nothing else of `publicActions`. */
export type VerifiedClient = Pick<PublicClient, ReadActions | 'request' | 'transport' | 'chain' | 'uid'>

export type CreateVerifiedClientParameters = {
  /** The verified transport (`verified()`): every answer is checked against the light client's headers. */
  transport: Transport
  pollingInterval?: number
}

/**
 * `createPublicClient` binds every public action (watchers, filters, multicall, signature
 * verification, ...) and so brings all of them into the bundle: about 30 kB gzip the app never
 * runs. This client binds only the actions the app calls, the same functions viem's
 * `publicActions` binds; anything else is a type error, not a runtime surprise.
 */
export function createVerifiedClient({ transport, pollingInterval }: CreateVerifiedClientParameters): VerifiedClient {
  return createClient({ transport, pollingInterval }).extend((client): Pick<PublicActions, ReadActions> => ({
    call: (args) => call(client, args),
    estimateGas: (args) => estimateGas(client, args as never),
    getBalance: (args) => getBalance(client, args),
    getBlock: (args) => getBlock(client, args) as never,
    getCode: (args) => getCode(client, args),
    getTransaction: (args) => getTransaction(client, args) as never,
    getTransactionCount: (args) => getTransactionCount(client, args),
    getTransactionReceipt: (args) => getTransactionReceipt(client, args),
    readContract: (args) => readContract(client, args as never) as never,
    sendRawTransaction: (args) => sendRawTransaction(client, args),
  })) as VerifiedClient
}
