import { isHex, keccak256 } from 'viem'
import { MalformedResponseError } from '../endpoints/errors.ts'
import { InvalidParamsError } from './errors.ts'
import type { MethodHandler } from './types.ts'

/**
 * eth_sendRawTransaction: broadcast to every usable provider (so one censoring provider cannot
 * drop it); the returned hash is computed locally and a provider's different claim is refused.
 */
export const eth_sendRawTransaction: MethodHandler = async ({ params: [raw], context }) => {
  if (typeof raw !== 'string' || !isHex(raw) || raw.length < 4)
    throw new InvalidParamsError({ method: 'eth_sendRawTransaction', reason: 'expected a signed transaction as hex' })
  const hash = keccak256(raw)
  const claimed = await context.client.broadcast<string>({ method: 'eth_sendRawTransaction', params: [raw] })
  if (typeof claimed !== 'string' || claimed.toLowerCase() !== hash)
    throw new MalformedResponseError({ url: 'broadcast', kind: 'RPC', reason: `the returned hash is not the transaction's hash ${hash}`, body: JSON.stringify(claimed) })
  return hash
}
