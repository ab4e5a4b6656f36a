import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { createProofBundle } from '../lib/bundle/createProofBundle.ts'
import type { BundleClaim } from '../lib/bundle/types.ts'
import { verifyProofBundle } from '../lib/bundle/verifyProofBundle.ts'
import { chainsafeBls } from '../lib/consensus/bls/chainsafeBls.ts'
import type { LightClient } from '../lib/consensus/LightClient.ts'
import { toBundleNetwork } from '../lib/consensus/toBundleNetwork.ts'
import type { ReadEvidence } from '../lib/rpc/recordEvidence.ts'
import type { VerifiedExecutionHeader } from '../lib/execution/types.ts'
import { BundleFormatError } from '../lib/bundle/errors.ts'

export type WriteProofBundleFileParameters = {
  path: string
  cwd: string
  client: LightClient
  chainId: number
  evidence: ReadEvidence
  claim: BundleClaim
  /** The block the value is from, when the read knows it better than its last resolved header (a preview). */
  header?: VerifiedExecutionHeader
}

/**
 * Writes the proof bundle of one verified read. It is checked first exactly as `verify-bundle`
 * checks it (no network): a bundle that would not verify is never written.
 */
export async function writeProofBundleFile({ path, cwd, client, chainId, evidence, claim, header = evidence.headers.at(-1) }: WriteProofBundleFileParameters): Promise<string> {
  if (!header) throw new BundleFormatError({ field: 'block', reason: 'is unknown: the read resolved no header' })
  const bundle = await createProofBundle({
    header,
    evidence,
    claim,
    consensus: async (blockHash) => ({ network: toBundleNetwork({ network: client.network, chainId }), proof: await client.consensusProof(blockHash) }),
  })
  await verifyProofBundle({ bundle: JSON.parse(JSON.stringify(bundle)), bls: chainsafeBls })
  const file = resolve(cwd, path)
  await writeFile(file, `${JSON.stringify(bundle, null, 2)}\n`)
  return file
}
