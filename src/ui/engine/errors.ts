import { BaseError } from '../../lib/errors.ts'

/** The light-client worker did not start (no answer in time, or its script failed): the engine falls back to the page. */
export class WorkerUnavailableError extends BaseError {
  override name = 'WorkerUnavailableError' as const
  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super(`The light-client worker could not start: ${reason}`, { cause })
  }
}

/** A request to the light client was pending when it was stopped (network switched, app closing). */
export class LightClientStoppedError extends BaseError {
  override name = 'LightClientStoppedError' as const
  constructor() {
    super('The light client was stopped.')
  }
}

/** The light-client bundle loaded on the page without registering its service (a build that does not match this page). */
export class LightClientBundleError extends BaseError {
  override name = 'LightClientBundleError' as const
  url: string
  constructor({ url }: { url: string }) {
    super(`The light-client bundle at ${url} did not register its service.`, {
      metaMessages: ['The page and its light-client bundle come from different builds: reload the page.'],
    })
    this.url = url
  }
}
