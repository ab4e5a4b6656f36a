import { hexToBigInt, keccak256, numberToHex } from 'viem'
import type { LightClient } from '../lib/consensus/LightClient.ts'
import type { RpcClient } from '../lib/rpc/createRpcClient.ts'
import { createVerifiedRequest } from '../lib/rpc/createVerifiedRequest.ts'
import { CallRevertedError } from '../lib/rpc/errors.ts'
import { readAtServedBlock } from '../lib/rpc/readAtServedBlock.ts'
import type { CliOptions } from './parseCliArgs.ts'
import { type VerifiedAgainst, pinHeader } from './verifiedAgainst.ts'
import type { ReadEvidence } from '../lib/rpc/recordEvidence.ts'
import type { BundleCall, BundleClaim } from '../lib/bundle/types.ts'
import type { Hex } from '../lib/execution/types.ts'
import { mergeReadEvidence } from '../lib/rpc/mergeReadEvidence.ts'
import { BundleFormatError } from '../lib/bundle/errors.ts'
import { writeProofBundleFile } from './writeProofBundleFile.ts'
import { provableHeaderSource } from '../lib/bundle/provableHeaderSource.ts'

export type ReadVerifiedParameters = {
  options: CliOptions
  client: LightClient
  rpc: RpcClient
  chainId: number
  /** Base for a relative --bundle path. */
  cwd: string
}

/** `bundle`: where the proof bundle was written (with --bundle). */
export type ReadVerifiedReturnType = (
  | { kind: 'balance'; address: string; wei: string; verifiedAgainst: VerifiedAgainst }
  | { kind: 'nonce'; address: string; nonce: string; verifiedAgainst: VerifiedAgainst }
  | { kind: 'code'; address: string; code: string; size: number; codeHash: string; verifiedAgainst: VerifiedAgainst }
  /** `calls`: with more than one --data, every call (the first is also `data` and `result`). */
  | { kind: 'call'; to: string; data: string; from: string | undefined; result: string; reverted: false | { reason: string }; calls?: { data: string; result: string }[]; verifiedAgainst: VerifiedAgainst }
) & { bundle?: string }

/** How many blocks below the latest head a read may fall back to when the RPCs lag behind it. */
const LAG_BLOCKS = 2

/**
 * balance / nonce / code / call through the verified request handlers, at one pinned block. An
 * RPC a block or two behind the light client answers "header not found" for the newest head: that
 * is not a fault, so a `latest` read falls back to the verified parents (through parent hashes),
 * then to the finalized head, and says which block it used (`verifiedAgainst.fallbackFrom`).
 */
export async function readVerified(params: ReadVerifiedParameters): Promise<ReadVerifiedReturnType> {
  const { options, client } = params
  if (options.block !== 'latest') return readAt(params, options.block)
  const head = client.state.optimistic?.execution?.number
  const below = head === undefined ? [] : Array.from({ length: LAG_BLOCKS }, (_, i) => head - BigInt(i + 1))
  const { value: result, block, fallbackReason } = await readAtServedBlock<'latest' | 'finalized' | bigint, ReadVerifiedReturnType>({
    blocks: ['latest', ...below, 'finalized'],
    read: (at) => readAt(params, at),
  })
  if (block === 'latest') return result
  const reason = (fallbackReason as Error).message.split('\n')[0]!
  return { ...result, verifiedAgainst: { ...result.verifiedAgainst, fallbackFrom: { block: 'latest', blockNumber: String(head), reason } } } as ReadVerifiedReturnType
}

async function readAt(params: ReadVerifiedParameters, at: 'latest' | 'finalized' | bigint): Promise<ReadVerifiedReturnType> {
  const { options, client, rpc, chainId, cwd } = params
  const { against, headers } = await pinHeader({ client, rpc, block: at })
  // A bundle needs the walk from a light-client head recorded, so its reads resolve from the light client itself.
  const verified = createVerifiedRequest({ headers: options.bundle ? provableHeaderSource({ headers: client, isProvable: (hash) => client.headEvidence(hash) !== undefined }) : headers, rpcs: rpc, chainId })
  // Every read's record: a bundle of several calls rests on all of them (merged, as the app's price).
  const reads: ReadEvidence[] = []
  const request = options.bundle
    ? async (args: { method: string; params: unknown[] }) => {
        const answer = await verified.requestWithEvidence(args)
        reads.push(answer.evidence)
        return answer.result
      }
    : verified.request
  const withBundle = async <R extends ReadVerifiedReturnType>(result: R, claim: BundleClaim): Promise<R> => {
    if (!options.bundle || reads.length === 0) return result
    const evidence = reads.length === 1 ? reads[0]! : mergeReadEvidence(reads)
    return { ...result, bundle: await writeProofBundleFile({ path: options.bundle, cwd, client, chainId, evidence, claim }) }
  }
  const block = numberToHex(BigInt(against.blockNumber))
  const address = options.target!
  switch (options.command) {
    case 'balance': {
      const wei = hexToBigInt((await request({ method: 'eth_getBalance', params: [address, block] })) as `0x${string}`).toString()
      return withBundle({ kind: 'balance', address, wei, verifiedAgainst: against }, { kind: 'balance', address, wei })
    }
    case 'nonce': {
      const nonce = hexToBigInt((await request({ method: 'eth_getTransactionCount', params: [address, block] })) as `0x${string}`).toString()
      return withBundle({ kind: 'nonce', address, nonce, verifiedAgainst: against }, { kind: 'nonce', address, nonce })
    }
    case 'code': {
      const code = (await request({ method: 'eth_getCode', params: [address, block] })) as `0x${string}`
      const size = (code.length - 2) / 2
      const codeHash = keccak256(code)
      return withBundle({ kind: 'code', address, code, size, codeHash, verifiedAgainst: against }, { kind: 'code', address, codeHash, size })
    }
    case 'call': {
      const { to, data, moreData, from, value } = options.call!
      const txOf = (d: Hex) => ({ to, data: d, ...(from && { from }), ...(value !== undefined && { value: numberToHex(value) }) })
      const tx = txOf(data)
      let asked = data
      try {
        const result = (await request({ method: 'eth_call', params: [tx, block] })) as `0x${string}`
        if (moreData.length === 0) return withBundle({ kind: 'call', to, data, from, result, reverted: false, verifiedAgainst: against }, { kind: 'call', call: tx, result })
        // Further calls at the same pinned block, each on its own (none sees another's effects).
        const calls: BundleCall[] = [{ call: tx, result }]
        for (const d of moreData) {
          asked = d
          calls.push({ call: txOf(d), result: (await request({ method: 'eth_call', params: [txOf(d), block] })) as Hex })
        }
        const listed = calls.map((c) => ({ data: String(c.call.data), result: c.result }))
        return withBundle({ kind: 'call', to, data, from, result, reverted: false, calls: listed, verifiedAgainst: against }, { kind: 'calls', calls })
      } catch (error) {
        // A revert in the local EVM over proven state is a verified outcome, not a failure to verify.
        if (!(error instanceof CallRevertedError)) throw error
        // A bundle states a returned call's data; a revert is shown, but there is no bundle of it.
        if (options.bundle) throw new BundleFormatError({ field: 'claim', reason: `could not be made: the call reverted (${error.reason}), and a bundle holds only a call that returned` })
        return { kind: 'call', to, data: asked, from, result: error.data, reverted: { reason: error.reason }, verifiedAgainst: against }
      }
    }
    default:
      throw new Error(`readVerified does not handle ${options.command}`)
  }
}
