import type { CID } from 'multiformats/cid'
import { NotLatchkeyBuildError } from './errors.ts'
import { type DagProgress, type GatewayReport, fetchVerifiedDag } from './fetchVerifiedDag.ts'
import { type BuildInfo, buildInfoFile, parseBuildInfo } from './parseBuildInfo.ts'
import { readUnixfsFiles } from './readUnixfsFiles.ts'

export type InspectReleaseParameters = {
  cid: CID
  /** Untrusted trustless gateways, in order. */
  gateways: readonly string[]
  fetch?: typeof fetch
  signal?: AbortSignal
  onProgress?: (progress: DagProgress) => void
}

export type InspectReleaseReturnType = {
  cid: CID
  /** The build's own metadata, read from its verified blocks; undefined for a build that has none (releases before it was added). */
  build: BuildInfo | undefined
  files: number
  blocks: number
  bytes: number
  gateways: GatewayReport[]
}

/**
 * Fetches another copy's whole DAG (every block checked against the CID: a gateway with a wrong
 * block is named and refused, AllGatewaysFailedError when no honest one completes it), checks it is
 * a Latchkey build (an app at its root: index.html, sw.js) and reads what it says it is.
 */
export async function inspectRelease({ cid, gateways, fetch, signal, onProgress }: InspectReleaseParameters): Promise<InspectReleaseReturnType> {
  const dag = await fetchVerifiedDag({ cid, gateways, idleTimeoutMs: 20_000, fetch, signal, onProgress })
  let files: Map<string, Uint8Array>
  try {
    files = await readUnixfsFiles({ root: cid, blocks: dag.blocks })
  } catch (cause) {
    throw new NotLatchkeyBuildError({ cid: cid.toString(), reason: `it is not a UnixFS directory (${(cause as Error)?.message ?? cause})` })
  }
  for (const required of ['index.html', 'sw.js'])
    if (!files.has(required)) throw new NotLatchkeyBuildError({ cid: cid.toString(), reason: `it has no ${required} at its root` })
  const meta = files.get(buildInfoFile)
  const build = meta === undefined ? undefined : parseBuildInfo(meta)
  if (meta !== undefined && !build) throw new NotLatchkeyBuildError({ cid: cid.toString(), reason: `its ${buildInfoFile} does not describe a Latchkey build` })
  return { cid, build, files: files.size, blocks: dag.blocks.length, bytes: dag.blocks.reduce((n, b) => n + b.bytes.byteLength, 0), gateways: dag.gateways }
}
