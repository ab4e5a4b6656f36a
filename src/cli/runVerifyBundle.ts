import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { BundleFormatError } from '../lib/bundle/errors.ts'
import { describeClaim } from '../lib/bundle/describeClaim.ts'
import { type VerifyProofBundleReturnType, verifyProofBundle } from '../lib/bundle/verifyProofBundle.ts'
import { chainsafeBls } from '../lib/consensus/bls/chainsafeBls.ts'
import { type FeedCallsPrice, decodeFeedCalls } from '../lib/prices/decodeFeedCalls.ts'
import { CliFileError, UsageError } from './errors.ts'

export const verifyBundleUsage = `Usage: latchkey verify-bundle FILE [--checkpoint ROOT] [--json]

Re-checks a Latchkey proof bundle with no network at all: the light client is replayed from the
checkpoint (bootstrap, committee hand-overs, the signed head), the block is linked to that head,
and the value is recomputed from its Merkle proofs. Prints the value and its block (exit 0), or the
first check that fails (exit 3). Without --checkpoint the bundle's own checkpoint is the start:
pass a root you trust to make the answer mean something to you.`

export type VerifyBundleOptions = { file: string; checkpoint: `0x${string}` | undefined; json: boolean; help: boolean }

export function parseVerifyBundleArgs({ argv }: { argv: readonly string[] }): VerifyBundleOptions {
  let parsed
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: { checkpoint: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } })
  } catch (cause) {
    throw new UsageError({ reason: (cause as Error).message.split('\n')[0], hint: 'Run `latchkey verify-bundle --help` for usage.' })
  }
  const { values: v, positionals } = parsed
  if (v.help) return { file: '', checkpoint: undefined, json: false, help: true }
  if (positionals.length !== 1) throw new UsageError({ reason: 'verify-bundle needs one FILE: latchkey verify-bundle FILE [--checkpoint ROOT].' })
  if (v.checkpoint !== undefined && !/^0x[0-9a-fA-F]{64}$/.test(v.checkpoint))
    throw new UsageError({ reason: `--checkpoint "${v.checkpoint}" is not a 32-byte hex block root (0x + 64 hex digits).` })
  return { file: positionals[0]!, checkpoint: v.checkpoint?.toLowerCase() as `0x${string}` | undefined, json: v.json ?? false, help: false }
}

/** `price`: a bundle of a Chainlink feed's two calls, decoded as the app shows it (decodeFeedCalls). */
export type VerifyBundleReport = { kind: 'verify-bundle'; verified: true; file: string; price?: FeedCallsPrice } & VerifyProofBundleReturnType

/** Reads the file and checks it offline (verifyProofBundle); throws the first failed check. */
export async function runVerifyBundle({ options, cwd }: { options: VerifyBundleOptions; cwd: string }): Promise<VerifyBundleReport> {
  const file = resolve(cwd, options.file)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (cause) {
    throw new CliFileError({ path: file, what: 'proof bundle', cause })
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (cause) {
    throw new BundleFormatError({ field: 'the file', reason: `is not JSON (${(cause as Error).message})` })
  }
  const result = await verifyProofBundle({ bundle: json, checkpoint: options.checkpoint, bls: chainsafeBls })
  const price = result.claim.kind === 'calls' ? decodeFeedCalls(result.claim.calls) : undefined
  return { kind: 'verify-bundle', verified: true, file, ...(price && { price }), ...result }
}

export function formatVerifyBundle(r: VerifyBundleReport): string {
  const b = r.block
  const via = r.head.via === 'checkpoint' ? 'the checkpoint block itself' : `${r.head.via === 'attested' ? 'signed' : 'finalized under a signed header'} by ${r.head.participants}/512 of the sync committee at slot ${r.head.slot}`
  const linked = r.head.ancestors > 0 ? `, ${r.head.ancestors} block(s) below it by parent hashes` : ''
  const start = r.checkpoint.source === 'user'
    ? `from your checkpoint ${r.checkpoint.root}`
    : `from the bundle's own checkpoint ${r.checkpoint.root} (pass --checkpoint ROOT to check against a root you trust)`
  return [
    describeClaim(r.claim),
    `block ${b.number} ${b.hash} (${new Date(Number(b.timestamp) * 1000).toISOString()}) on ${r.network}`,
    `  ${r.claim.kind === 'receipt' ? `receipts root ${b.receiptsRoot}` : `state root ${b.stateRoot}`}`,
    `  verified offline: ${via}${linked}, ${start}`,
  ].join('\n')
}
