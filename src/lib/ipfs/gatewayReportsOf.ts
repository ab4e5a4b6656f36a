import { BaseError } from '../errors.ts'
import { AllGatewaysFailedError, isGatewayFault } from './errors.ts'
import type { GatewayReport } from './fetchVerifiedDag.ts'

/** What each gateway did, read from a failed fetchVerifiedDag (none when the failure was not the gateways'). */
export function gatewayReportsOf(error: unknown): GatewayReport[] | undefined {
  if (!(error instanceof AllGatewaysFailedError)) return undefined
  return error.errors.map(({ endpoint, error: e }) => ({
    url: endpoint, blocks: 0, bytes: 0, faulty: isGatewayFault(e),
    error: e === undefined ? undefined : { name: (e as Error).name, message: e instanceof BaseError ? e.shortMessage : String((e as Error)?.message ?? e) },
  }))
}
