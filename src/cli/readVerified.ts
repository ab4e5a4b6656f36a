import { hexToBigInt, keccak256, numberToHex } from 'viem'
import type { LightClient } from '../lib/consensus/LightClient.ts'
import type { RpcClient } from '../lib/rpc/createRpcClient.ts'
import { createVerifiedRequest } from '../lib/rpc/createVerifiedRequest.ts'
import { CallRevertedError } from '../lib/rpc/errors.ts'
import type { CliOptions } from './parseCliArgs.ts'
import { type VerifiedAgainst, pinHeader } from './verifiedAgainst.ts'

export type ReadVerifiedParameters = {
  options: CliOptions
  client: LightClient
  rpc: RpcClient
  chainId: number
}

export type ReadVerifiedReturnType =
  | { kind: 'balance'; address: string; wei: string; verifiedAgainst: VerifiedAgainst }
  | { kind: 'nonce'; address: string; nonce: string; verifiedAgainst: VerifiedAgainst }
  | { kind: 'code'; address: string; code: string; size: number; codeHash: string; verifiedAgainst: VerifiedAgainst }
  | { kind: 'call'; to: string; data: string; from: string | undefined; result: string; reverted: false | { reason: string }; verifiedAgainst: VerifiedAgainst }

/** balance / nonce / code / call through the verified request handlers, at one pinned block. */
export async function readVerified({ options, client, rpc, chainId }: ReadVerifiedParameters): Promise<ReadVerifiedReturnType> {
  const { against, headers } = await pinHeader({ client, rpc, block: options.block })
  const { request } = createVerifiedRequest({ headers, rpcs: rpc, chainId })
  const block = numberToHex(BigInt(against.blockNumber))
  const address = options.target!
  switch (options.command) {
    case 'balance': {
      const wei = (await request({ method: 'eth_getBalance', params: [address, block] })) as `0x${string}`
      return { kind: 'balance', address, wei: hexToBigInt(wei).toString(), verifiedAgainst: against }
    }
    case 'nonce': {
      const nonce = (await request({ method: 'eth_getTransactionCount', params: [address, block] })) as `0x${string}`
      return { kind: 'nonce', address, nonce: hexToBigInt(nonce).toString(), verifiedAgainst: against }
    }
    case 'code': {
      const code = (await request({ method: 'eth_getCode', params: [address, block] })) as `0x${string}`
      return { kind: 'code', address, code, size: (code.length - 2) / 2, codeHash: keccak256(code), verifiedAgainst: against }
    }
    case 'call': {
      const { to, data, from, value } = options.call!
      const tx = { to, data, ...(from && { from }), ...(value !== undefined && { value: numberToHex(value) }) }
      try {
        const result = (await request({ method: 'eth_call', params: [tx, block] })) as string
        return { kind: 'call', to, data, from, result, reverted: false, verifiedAgainst: against }
      } catch (error) {
        // A revert in the local EVM over proven state is a verified outcome, not a failure to verify.
        if (!(error instanceof CallRevertedError)) throw error
        return { kind: 'call', to, data, from, result: error.data, reverted: { reason: error.reason }, verifiedAgainst: against }
      }
    }
    default:
      throw new Error(`readVerified does not handle ${options.command}`)
  }
}
