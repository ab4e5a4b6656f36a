import { hexToBigInt, isAddress, isHex } from 'viem'
import type { CallRequest } from '../execution/createVerifiedEvm.ts'
import { InvalidParamsError } from './errors.ts'

/** Reads an eth_call / eth_estimateGas transaction object (JSON-RPC encoding). */
export function parseCallRequest({ call, method }: { call: unknown; method: string }): CallRequest {
  if (typeof call !== 'object' || call === null) throw new InvalidParamsError({ method, reason: 'expected a transaction object' })
  const c = call as Record<string, unknown>
  const address = (field: string) => {
    const v = c[field]
    if (v === undefined || v === null) return undefined
    if (typeof v !== 'string' || !isAddress(v, { strict: false })) throw new InvalidParamsError({ method, reason: `${field} is not an address` })
    return v.toLowerCase() as `0x${string}`
  }
  const quantity = (field: string) => {
    const v = c[field]
    if (v === undefined || v === null) return undefined
    if (typeof v !== 'string' || !isHex(v)) throw new InvalidParamsError({ method, reason: `${field} is not a hex quantity` })
    return hexToBigInt(v)
  }
  const data = c.input ?? c.data
  if (data !== undefined && data !== null && (typeof data !== 'string' || !isHex(data))) throw new InvalidParamsError({ method, reason: 'data is not hex' })
  return {
    from: address('from'),
    to: address('to'),
    gas: quantity('gas'),
    gasPrice: quantity('gasPrice'),
    maxFeePerGas: quantity('maxFeePerGas'),
    maxPriorityFeePerGas: quantity('maxPriorityFeePerGas'),
    value: quantity('value'),
    data: (data ?? undefined) as `0x${string}` | undefined,
    accessList: Array.isArray(c.accessList) ? (c.accessList as CallRequest['accessList']) : undefined,
  }
}
