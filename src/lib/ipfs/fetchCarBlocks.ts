import type { CID } from 'multiformats/cid'
import { BaseError } from '../errors.ts'
import { CarRootMismatchError, GatewayRequestError, MalformedCarError } from './errors.ts'
import type { DagBlock } from './getLinks.ts'
import { getTrustlessUrl } from './getTrustlessUrl.ts'
import { carEndedEarly, readCarBlocks } from './readCarBlocks.ts'
import { requestGateway } from './requestGateway.ts'
import { verifyBlock } from './verifyBlock.ts'

export type FetchCarBlocksParameters = {
  /** Gateway origin, e.g. http://127.0.0.1:8080 */
  gateway: string
  cid: CID
  idleTimeoutMs: number
  maxBytes: number
  fetch?: typeof fetch
  signal?: AbortSignal
}

/**
 * The blocks of a `?format=car&dag-scope=all` answer (trustless gateway spec), each verified
 * against the CID the CAR names for it before it is yielded. A wrong block, a CAR for other roots
 * or an undecodable CAR throw a GatewayFaultError; a CAR that stops early ends with a
 * GatewayRequestError (an outage: what arrived is still good).
 */
export async function* fetchCarBlocks({ gateway, cid, idleTimeoutMs, maxBytes, fetch, signal }: FetchCarBlocksParameters): AsyncGenerator<DagBlock> {
  const url = `${getTrustlessUrl({ gateway, cid })}?format=car&dag-scope=all`
  const body = requestGateway({ url, accept: 'application/vnd.ipld.car', cid, idleTimeoutMs, maxBytes, fetch, signal })
  const decoded = async function* () {
    const car = await readCarBlocks(body)
    const roots = car.roots.map(String)
    if (!roots.includes(cid.toString())) throw new CarRootMismatchError({ expected: cid.toString(), found: roots, source: url })
    yield* car.blocks
  }
  try {
    for await (const block of decoded()) {
      await verifyBlock({ cid: block.cid, bytes: block.bytes, source: url })
      yield { cid: block.cid, bytes: block.bytes }
    }
  } catch (error) {
    if (error instanceof BaseError) throw error
    // Only the CAR decoder throws plain errors here: the body itself is not a CAR.
    const reason = String((error as Error)?.message ?? error)
    if (reason === carEndedEarly) throw new GatewayRequestError({ url, details: 'the CAR ended before the DAG was complete' })
    throw new MalformedCarError({ source: url, reason, cause: error })
  }
}
