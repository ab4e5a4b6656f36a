import { CID } from 'multiformats/cid'
import { type Address, type Hex, type Transport, decodeFunctionResult, encodeFunctionData, hexToBytes, namehash, toHex } from 'viem'
import { packetToBytes } from 'viem/ens'
import { type EnsClient, createEnsClient } from './createEnsClient.ts'
import { EnsOffchainRefusedError, ReleaseRecordInvalidError } from './errors.ts'
import { localBatchGatewayUrl } from './localBatchGatewayRequest.ts'
import { readUniversalResolver } from './readUniversalResolver.ts'
import { resolveEnsRecord } from './resolveEnsRecord.ts'
import { normalizeEnsName } from './resolveEnsName.ts'
import { contenthashResolverAbi, textResolverAbi, universalResolverResolveAbi } from './universalResolverAbi.ts'

/** The text record in which a release name states the commit its contenthash is the reproducible build of. */
export const releaseCommitKey = 'latchkey.commit'

export type GetReleaseRecordParameters = {
  /** the verified transport (eth_call runs locally over proven state) */
  transport: Transport
  universalResolverAddress: Address
  name: string
  /** the verified block to read at */
  blockNumber: bigint
}

export type ReleaseRecord = {
  name: string
  /** The CID its contenthash names (ENSIP-7); undefined when it has none. */
  cid: CID | undefined
  /** The commit its `latchkey.commit` text record says that CID is the reproducible build of. */
  commit: string | undefined
}

/**
 * A release record: an ENS name whose contenthash is the CID of a release and whose
 * `latchkey.commit` text says which commit that CID is the reproducible build of, read at a
 * verified block through the verified transport. Offchain (CCIP-read) answers are always refused:
 * what a release is must come from the chain.
 */
export async function getReleaseRecord({ transport, universalResolverAddress, name: input, blockNumber }: GetReleaseRecordParameters): Promise<ReleaseRecord> {
  const name = normalizeEnsName(input)
  const ens = createEnsClient({ transport, offchain: 'refuse' })
  const refused = () => new EnsOffchainRefusedError({ input: name, gateways: [...ens.gateways] })
  let text: string | null
  let answer: Hex
  try {
    // contenthash through the Universal Resolver as text records are asked, but with its errors
    // kept (viem's ENS actions have no contenthash, and this read did not treat them as "none").
    ;[text, [answer]] = await Promise.all([
      getText(ens, { name, key: releaseCommitKey, universalResolverAddress, blockNumber }),
      readUniversalResolver(ens, {
        address: universalResolverAddress, abi: universalResolverResolveAbi, functionName: 'resolveWithGateways', blockNumber,
        args: [toHex(packetToBytes(name)), encodeFunctionData({ abi: contenthashResolverAbi, functionName: 'contenthash', args: [namehash(name)] }), [localBatchGatewayUrl]],
      }),
    ])
  } catch (error) {
    if (ens.refused()) throw refused()
    throw error
  }
  if (ens.refused()) throw refused()
  const contenthash = answer === '0x' ? '0x' : decodeFunctionResult({ abi: contenthashResolverAbi, functionName: 'contenthash', data: answer })
  const commit = text && /^[0-9a-f]{40}$/.test(text.trim()) ? text.trim() : undefined
  return { name, cid: decodeContenthash({ name, contenthash }), commit }
}

/** A text record (ENSIP-5) as viem's getEnsText reads it: null when unset, empty, or the name has none. */
async function getText(ens: EnsClient, { name, key, universalResolverAddress, blockNumber }: { name: string; key: string; universalResolverAddress: Address; blockNumber: bigint }): Promise<string | null> {
  const answer = await resolveEnsRecord(ens, { name, universalResolverAddress, blockNumber, data: encodeFunctionData({ abi: textResolverAbi, functionName: 'text', args: [namehash(name), key] }) })
  const record = answer === null ? null : decodeFunctionResult({ abi: textResolverAbi, functionName: 'text', data: answer })
  return record === '' ? null : record
}

/** ENSIP-7: the ipfs-ns multicodec (0xe3, as the varint 0xe3 0x01), then a CID's bytes. */
function decodeContenthash({ name, contenthash }: { name: string; contenthash: Hex }): CID | undefined {
  const bytes = hexToBytes(contenthash)
  if (bytes.length === 0) return undefined
  if (bytes[0] !== 0xe3 || bytes[1] !== 0x01) throw new ReleaseRecordInvalidError({ input: name, contenthash, reason: 'not in the ipfs namespace (0xe301)' })
  try {
    return CID.decode(bytes.subarray(2)).toV1()
  } catch (cause) {
    throw new ReleaseRecordInvalidError({ input: name, contenthash, reason: (cause as Error).message })
  }
}
