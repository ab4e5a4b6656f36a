import { CID } from 'multiformats/cid'
import { type Address, type Hex, type Transport, decodeFunctionResult, encodeFunctionData, hexToBytes, namehash, parseAbi, toHex } from 'viem'
import { getEnsText, readContract } from 'viem/actions'
import { packetToBytes } from 'viem/ens'
import { createEnsClient } from './createEnsClient.ts'
import { EnsOffchainRefusedError, ReleaseRecordInvalidError } from './errors.ts'
import { normalizeEnsName } from './resolveEnsName.ts'

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

const contenthashAbi = parseAbi(['function contenthash(bytes32 node) view returns (bytes)'])
const universalResolverAbi = parseAbi(['function resolveWithGateways(bytes name, bytes data, string[] gateways) view returns (bytes, address)'])

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
    // contenthash through the Universal Resolver, as viem asks it for text records (viem has no contenthash action).
    ;[text, [answer]] = await Promise.all([
      getEnsText(ens.client, { name, key: releaseCommitKey, universalResolverAddress, blockNumber }),
      readContract(ens.client, {
        address: universalResolverAddress, abi: universalResolverAbi, functionName: 'resolveWithGateways', blockNumber,
        args: [toHex(packetToBytes(name)), encodeFunctionData({ abi: contenthashAbi, functionName: 'contenthash', args: [namehash(name)] }), ['x-batch-gateway:true']],
      }),
    ])
  } catch (error) {
    if (ens.refused()) throw refused()
    throw error
  }
  if (ens.refused()) throw refused()
  const contenthash = answer === '0x' ? '0x' : decodeFunctionResult({ abi: contenthashAbi, functionName: 'contenthash', data: answer })
  const commit = text && /^[0-9a-f]{40}$/.test(text.trim()) ? text.trim() : undefined
  return { name, cid: decodeContenthash({ name, contenthash }), commit }
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
