import { BundleFormatError } from './errors.ts'
import { BUNDLE_FORMAT, BUNDLE_VERSIONS, type BundleVersion, CLAIM_KINDS, type ProofBundle } from './types.ts'

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)
const isCall = (x: unknown) => isRecord(x) && isRecord(x.call) && typeof x.result === 'string'
const isHash = (x: unknown) => typeof x === 'string' && /^0x[0-9a-fA-F]{64}$/.test(x)

/**
 * Checks a bundle's shape before anything is verified (the parts' contents are checked by the
 * verifiers themselves); a newer or older version is refused by name, not misread.
 */
export function parseProofBundle(input: unknown): ProofBundle {
  const fail = (field: string, reason: string) => new BundleFormatError({ field, reason })
  if (!isRecord(input)) throw fail('the file', 'is not a JSON object')
  if (input.format !== BUNDLE_FORMAT) throw fail('format', `is ${JSON.stringify(input.format)}, expected "${BUNDLE_FORMAT}"`)
  if (!BUNDLE_VERSIONS.includes(input.version as BundleVersion))
    throw fail('version', `is ${JSON.stringify(input.version)}; this Latchkey reads versions ${BUNDLE_VERSIONS.join(', ')}`)
  const claimKinds = CLAIM_KINDS[input.version as BundleVersion]
  const { network, consensus, block, ancestors, claim, proofs } = input
  if (!isRecord(network) || typeof network.name !== 'string' || !isHash(network.genesisValidatorsRoot) || typeof network.genesisTime !== 'number' || typeof network.builtIn !== 'boolean')
    throw fail('network', 'needs name, genesisValidatorsRoot, genesisTime and builtIn')
  if (!isRecord(consensus) || !isHash(consensus.checkpoint) || !isRecord(consensus.bootstrap) || !Array.isArray(consensus.updates) || !(consensus.head === null || isRecord(consensus.head)))
    throw fail('consensus', 'needs checkpoint, bootstrap, updates and head')
  if (!isRecord(block) || typeof block.number !== 'string' || !/^\d+$/.test(block.number) || !isHash(block.hash)) throw fail('block', 'needs a decimal number and a hash')
  if (!Array.isArray(ancestors) || !ancestors.every(isRecord)) throw fail('ancestors', 'is not a list of headers')
  if (!isRecord(claim) || !claimKinds.includes(claim.kind as never)) throw fail('claim.kind', `is not one of ${claimKinds.join(', ')} (version ${input.version})`)
  if (claim.kind === 'call' && !isCall(claim)) throw fail('claim', 'of a call needs the call object and its result')
  if (claim.kind === 'calls' && (!Array.isArray(claim.calls) || claim.calls.length === 0 || !claim.calls.every(isCall)))
    throw fail('claim.calls', 'is not a list of one or more calls, each with its call object and its result')
  if (claim.kind === 'preview' && (!isRecord(claim.transaction) || !(claim.reverted === false || isRecord(claim.reverted)) || !['changes', 'approvals', 'delegationChanges'].every((k) => Array.isArray(claim[k]) && (claim[k] as unknown[]).every(isRecord))))
    throw fail('claim', 'of a preview needs the transaction, reverted, and the lists of changes, approvals and delegation changes')
  if (!isRecord(proofs)) throw fail('proofs', 'is missing')
  return input as unknown as ProofBundle
}
