import type { CID } from 'multiformats/cid'
import { BaseError } from '../lib/errors.ts'
import { type CopyStatus, copyCacheName, copyGatewaysKey, copyStatusKey } from '../lib/ipfs/copyStatus.ts'
import { AllGatewaysFailedError, isGatewayFault } from '../lib/ipfs/errors.ts'
import { fetchVerifiedDag } from '../lib/ipfs/fetchVerifiedDag.ts'
import { gatewayReportsOf } from '../lib/ipfs/gatewayReportsOf.ts'
import { getCopyGateways } from '../lib/ipfs/getCopyGateways.ts'
import { readUnixfsFiles } from '../lib/ipfs/readUnixfsFiles.ts'
import { responseFor } from './responseFor.ts'

export type VerifyCopyParameters = {
  cid: CID
  location: { protocol: string; hostname: string; port: string }
  onStatus: (status: CopyStatus) => void
}

/**
 * Fetches the whole DAG of this copy from the gateways, every block checked against the CID, and
 * puts every file into Cache Storage; only then is the copy `verified`. Nothing that failed a
 * check is stored: the worker never serves a byte that was not verified.
 */
export async function verifyCopy({ cid, location, onStatus }: VerifyCopyParameters): Promise<CopyStatus> {
  const cache = await caches.open(copyCacheName)
  const userGateways = (await (await cache.match(copyGatewaysKey))?.json().catch(() => [])) as string[] | undefined
  const gateways = getCopyGateways({ location, userGateways })
  const base = { cid: cid.toString(), files: 0, blocks: 0, bytes: 0, gateways: gateways.map((url) => ({ url, blocks: 0, bytes: 0, faulty: false, error: undefined })) }
  const save = async (status: CopyStatus) => {
    await cache.put(copyStatusKey, new Response(JSON.stringify(status), { headers: { 'content-type': 'application/json' } }))
    onStatus(status)
    return status
  }
  const previous = (await (await cache.match(copyStatusKey))?.json().catch(() => undefined)) as CopyStatus | undefined
  if (previous?.state !== 'verified') await save({ ...base, state: 'verifying', checkedAt: Date.now() })
  try {
    const dag = await fetchVerifiedDag({ cid, gateways, idleTimeoutMs: 20_000 })
    const files = await readUnixfsFiles({ root: cid, blocks: dag.blocks })
    for (const [path, bytes] of files) await cache.put(`/${path}`, responseFor({ path, bytes }))
    return await save({
      ...base, state: 'verified', files: files.size, blocks: dag.blocks.length,
      bytes: dag.blocks.reduce((n, b) => n + b.bytes.byteLength, 0), gateways: dag.gateways, checkedAt: Date.now(),
    })
  } catch (error) {
    const fault = error instanceof AllGatewaysFailedError && error.errors.some((e) => isGatewayFault(e.error))
    const reports = gatewayReportsOf(error) ?? base.gateways
    const message = error instanceof BaseError ? error.shortMessage : String((error as Error)?.message ?? error)
    // A copy verified earlier stays verified (its files are held); the failed re-check is reported.
    if (previous?.state === 'verified') return await save({ ...previous, error: { name: (error as Error).name, message, fault } })
    return await save({ ...base, state: 'failed', gateways: reports, checkedAt: Date.now(), error: { name: (error as Error)?.name ?? 'Error', message, fault } })
  }
}
