import type { Client, Transport } from 'viem'
import { createClient } from 'viem'

export type CreatePriceClientParameters = { transport: Transport }

/**
 * The bare viem client getFeedPrice reads through (the verified transport underneath). Its own
 * module so the first price loads viem's createClient from its file, not `import('viem')`, whose
 * index is all of viem (64 kB gzip).
 */
export function createPriceClient({ transport }: CreatePriceClientParameters): Client {
  return createClient({ transport })
}
