import { parseArgs } from 'node:util'
import type { CID } from 'multiformats/cid'
import { parseCid } from '../lib/ipfs/parseCid.ts'
import { UsageError } from './errors.ts'
import { checkUrl } from './parseCliArgs.ts'

export type VerifyAppOptions = {
  help: boolean
  cid: CID
  gateways: string[]
  /** Block by block (`?format=raw`) instead of one CAR per gateway. */
  raw: boolean
  /** Also rebuild `source` and compare the CIDs. */
  build: boolean
  source: string | undefined
  timeoutMs: number
  json: boolean
}

export const verifyAppUsage = `Usage: latchkey verify-app CID --gateway URL [--gateway URL ...] [--build [--source DIR]] [--raw] [--timeout MS] [--json]

Fetches the whole DAG of a deployed copy of the app from the gateways (one CAR each, missing
blocks as raw blocks) and checks every block against the CID. None of the gateways is trusted.
  --build        also rebuild the checked-out source (vite build, the publish import settings)
                 and compare: the same CID means the deployed copy is this source's build
  --source DIR   the checkout to rebuild (default: the current directory)
  --raw          block by block (?format=raw) instead of CARs
  --timeout MS   longest wait for an answer or its next bytes (default 30000)

Exit codes: 0 verified (and, with --build, the same CID), 2 usage, 3 a gateway served wrong data
and no honest one completed the DAG, or the rebuild differs, 4 no gateway delivered the DAG.`

/** Parses `latchkey verify-app ...` (the arguments after the command name). */
export function parseVerifyAppArgs({ argv }: { argv: readonly string[] }): VerifyAppOptions {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        gateway: { type: 'string', multiple: true },
        build: { type: 'boolean' },
        source: { type: 'string' },
        raw: { type: 'boolean' },
        timeout: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (cause) {
    throw new UsageError({ reason: (cause as Error).message.split('\n')[0], hint: 'Run `latchkey verify-app --help` for usage.' })
  }
  const { values: v, positionals } = parsed
  const json = v.json ?? false
  if (v.help) return { help: true, json } as VerifyAppOptions
  if (positionals.length !== 1) throw new UsageError({ reason: positionals.length === 0 ? 'verify-app needs the CID of the deployed copy.' : `Unexpected argument "${positionals[1]}".` })
  let cid: CID
  try {
    cid = parseCid(positionals[0])
  } catch {
    throw new UsageError({ reason: `"${positionals[0]}" is not a CID.` })
  }
  const gateways = v.gateway ?? []
  if (gateways.length === 0) throw new UsageError({ reason: 'verify-app needs at least one --gateway URL (a trustless gateway, e.g. http://127.0.0.1:8080).' })
  for (const url of gateways) checkUrl(url)
  if (v.source !== undefined && !v.build) throw new UsageError({ reason: '--source only makes sense with --build.' })
  const timeoutMs = v.timeout === undefined ? 30_000 : Number(v.timeout)
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new UsageError({ reason: `--timeout "${v.timeout}" is not a positive number of milliseconds.` })
  return { help: false, cid, gateways, raw: v.raw ?? false, build: v.build ?? false, source: v.source, timeoutMs, json }
}
