import { type Address, custom } from 'viem'
import type { LightClient } from '../lib/consensus/LightClient.ts'
import { EnsUnavailableError } from '../lib/ens/errors.ts'
import { lookupEnsName } from '../lib/ens/lookupEnsName.ts'
import { resolveEnsName } from '../lib/ens/resolveEnsName.ts'
import type { RpcClient } from '../lib/rpc/createRpcClient.ts'
import { createVerifiedRequest } from '../lib/rpc/createVerifiedRequest.ts'
import type { NetworkContracts } from '../lib/trust/networkContracts.ts'
import type { CliOptions } from './parseCliArgs.ts'
import { type VerifiedAgainst, pinHeader } from './verifiedAgainst.ts'

export type ResolveReport = {
  kind: 'ens'
  /** what was asked: a name (normalized) or an address */
  input: string
  /** the normalized name, or the address's primary name (null: none) */
  name: string | null
  /** the name's address, or the address asked about (null: the name has none) */
  address: Address | null
  /** false only for an offchain (CCIP-read) answer, allowed with --allow-offchain */
  verified: boolean
  offchain?: { gateways: string[] }
  universalResolver: Address
  verifiedAgainst: VerifiedAgainst
}

/** `latchkey resolve`: ENS forward or reverse resolution at one pinned verified block. */
export async function resolveVerified({ options, client, rpc, chainId, contracts, networkName }: {
  options: CliOptions
  client: LightClient
  rpc: RpcClient
  chainId: number
  contracts: NetworkContracts
  networkName: string
}): Promise<ResolveReport> {
  const universalResolverAddress = contracts.ensUniversalResolver
  if (!universalResolverAddress) throw new EnsUnavailableError({ network: networkName })
  const { input, allowOffchain } = options.ens!
  const { against, headers } = await pinHeader({ client, rpc, block: options.block })
  const { request } = createVerifiedRequest({ headers, rpcs: rpc, chainId })
  const transport = custom({ request })
  const blockNumber = BigInt(against.blockNumber)
  const offchain = allowOffchain ? 'allow' : 'refuse'
  const common = { kind: 'ens' as const, universalResolver: universalResolverAddress, verifiedAgainst: against }
  if (options.target) {
    const found = await lookupEnsName({ transport, universalResolverAddress, address: options.target, blockNumber, offchain })
    return { ...common, input: options.target, name: found.name, address: found.address, verified: !found.offchain, ...(found.offchain && { offchain: found.offchain }) }
  }
  const found = await resolveEnsName({ transport, universalResolverAddress, name: input, blockNumber, offchain })
  return { ...common, input, name: found.name, address: found.address, verified: !found.offchain, ...(found.offchain && { offchain: found.offchain }) }
}

/** Text output: one line for the answer, one for the block. */
export function formatResolve(r: ResolveReport, against: (a: VerifiedAgainst) => string): string {
  const answer = r.input.startsWith('0x')
    ? r.name ? `${r.address} -> ${r.name} (primary name, resolves back to the address)` : `${r.address} has no primary name`
    : r.address ? `${r.name} -> ${r.address}` : `${r.name} has no address`
  const trust = r.offchain
    ? `NOT verified: answered offchain by ${r.offchain.gateways.join(', ')} (CCIP-read); the chain vouches only for the resolver that pointed there, at block ${r.verifiedAgainst.blockNumber}`
    : `${against(r.verifiedAgainst)} (Universal Resolver ${r.universalResolver}, executed locally over proven state)`
  return `${answer}\n${trust}`
}

