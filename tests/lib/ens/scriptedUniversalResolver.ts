import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type Address, type Hex, type Transport, ccipRequest, custom, decodeAbiParameters, decodeFunctionData, encodeErrorResult, encodeFunctionData, offchainLookupAbiItem, toFunctionSelector } from 'viem'
import { CallRevertedError } from '../../../src/lib/rpc/errors.ts'
import { batchGatewayAbi } from '../../../src/lib/ens/universalResolverAbi.ts'

export const universalResolver = '0x00000000000000000000000000000000000000e5' as const
export const resolver = '0x00000000000000000000000000000000000000a7' as const
export const ccipCallback = toFunctionSelector('function ccipCallback(bytes response, bytes extraData)')

export type Answer = { result: Hex } | { revert: Hex }
export type EthCall = { to: Address; data: Hex; block: string }

/**
 * A verified-transport stand-in whose eth_call answers come from `answer` (a revert thrown as the
 * verified transport throws it: CallRevertedError with the data), recording every request. Each
 * test builds two, one for Latchkey's reader and one for viem's action, and compares.
 */
export function scriptedTransport(answer: (call: EthCall) => Answer): { transport: Transport; calls: EthCall[]; methods: string[] } {
  const calls: EthCall[] = []
  const methods: string[] = []
  const transport = custom({
    async request({ method, params }: { method: string; params: unknown }) {
      methods.push(method)
      if (method !== 'eth_call') throw new Error(`unexpected ${method}`)
      const [tx, block] = params as [{ to: Address; data: Hex }, string]
      const call = { to: tx.to, data: tx.data, block }
      calls.push(call)
      const a = answer(call)
      if ('result' in a) return a.result
      throw new CallRevertedError({ reason: 'revert', data: a.revert })
    },
  }, { retryCount: 0 })
  return { transport, calls, methods }
}

/** OffchainLookup revert data, EIP-3668. */
export function offchainLookupRevert({ sender = universalResolver, urls, callData, callback = ccipCallback, extraData = '0x' }: { sender?: Address; urls: string[]; callData: Hex; callback?: Hex; extraData?: Hex }): Hex {
  return encodeErrorResult({ abi: [offchainLookupAbiItem], errorName: 'OffchainLookup', args: [sender, urls, callData, callback, extraData] })
}

/** The Universal Resolver's OffchainLookup through the local batch gateway: one query for `resolver` at `gatewayUrl`. */
export function batchLookupRevert({ gatewayUrl, query, extraData = '0xabcd' }: { gatewayUrl: string; query: Hex; extraData?: Hex }): Hex {
  const callData = encodeFunctionData({ abi: batchGatewayAbi, functionName: 'query', args: [[{ sender: resolver, urls: [gatewayUrl], data: query }]] })
  return offchainLookupRevert({ urls: ['x-batch-gateway:true'], callData, extraData })
}

/** A callback call's arguments (EIP-3668: the gateway's response and the extra data). */
export function readCallbackArgs(data: Hex): { response: Hex; extraData: Hex } {
  const [response, extraData] = decodeAbiParameters([{ type: 'bytes' }, { type: 'bytes' }], `0x${data.slice(10)}`)
  return { response, extraData }
}

/** The batch gateway's answer inside a ccipCallback call: (failures, responses) and the extra data. */
export function readCallback(data: Hex): { failures: readonly boolean[]; responses: readonly Hex[]; extraData: Hex } {
  const { response, extraData } = readCallbackArgs(data)
  const [failures, responses] = decodeAbiParameters([{ type: 'bool[]' }, { type: 'bytes[]' }], response)
  return { failures, responses, extraData }
}

/** The (name, data) a query asked the resolver, as the offchain test resolver encodes it. */
export function decodeQuery(data: Hex): { name: Hex; data: Hex } {
  const [name, inner] = decodeAbiParameters([{ type: 'bytes' }, { type: 'bytes' }], data)
  return { name, data: inner }
}

/** The function a Universal Resolver call is (selector and arguments). */
export function decodeResolveCall(data: Hex) {
  return decodeFunctionData({ abi: [...resolveAbi], data })
}
const resolveAbi = [
  { type: 'function', name: 'resolveWithGateways', stateMutability: 'view', inputs: [{ name: 'name', type: 'bytes' }, { name: 'data', type: 'bytes' }, { name: 'gateways', type: 'string[]' }], outputs: [{ type: 'bytes' }, { type: 'address' }] },
  { type: 'function', name: 'reverseWithGateways', stateMutability: 'view', inputs: [{ name: 'reverseName', type: 'bytes' }, { name: 'coinType', type: 'uint256' }, { name: 'gateways', type: 'string[]' }], outputs: [{ type: 'string' }, { type: 'address' }, { type: 'address' }] },
] as const

/** A loopback CCIP-read gateway that answers every request with `answer(data)` (status 200) or fails with `status`. */
export async function startGateway(answer: (data: Hex) => Hex | { status: number }) {
  const received: Hex[] = []
  const server: Server = createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', () => {
      const { data } = JSON.parse(raw) as { data: Hex }
      received.push(data)
      const a = answer(data)
      res.writeHead(typeof a === 'string' ? 200 : a.status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(typeof a === 'string' ? { data: a } : { error: 'gateway down' }))
    })
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  return { url, received, stop: () => new Promise<void>((ok) => server.close(() => ok())) }
}

/** viem's CCIP-read hook as createEnsClient set it for an allowed lookup: every request goes to viem's ccipRequest. */
export const viemCcipRead = { request: ccipRequest }
