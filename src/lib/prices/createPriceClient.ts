import type { Client, EIP1193RequestFn, Transport } from 'viem'
import { createClient, custom } from 'viem'

/** `request`: answers each read itself (the app's recording of what every read rests on, for "What was checked"). */
export type CreatePriceClientParameters = { transport: Transport } | { request: (args: { method: string; params?: unknown }) => Promise<unknown> }

/**
 * The bare viem client getFeedPrice reads through (the verified transport underneath). Its own
 * module so the first price loads viem's createClient from its file, not `import('viem')`, whose
 * index is all of viem (64 kB gzip).
 */
export function createPriceClient(parameters: CreatePriceClientParameters): Client {
  return createClient({ transport: 'transport' in parameters ? parameters.transport : custom({ request: parameters.request as EIP1193RequestFn }) })
}
