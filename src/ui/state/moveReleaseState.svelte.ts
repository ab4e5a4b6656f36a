import type { CID } from 'multiformats/cid'
import { SameReleaseError } from '../../lib/ipfs/errors.ts'
import { gatewayReportsOf } from '../../lib/ipfs/gatewayReportsOf.ts'
import type { DetectOriginReturnType } from '../../lib/ipfs/detectOrigin.ts'
import type { GatewayReport } from '../../lib/ipfs/fetchVerifiedDag.ts'
import { localNodeGateways } from '../../lib/ipfs/getCopyGateways.ts'
import { getReleaseGateways } from '../../lib/ipfs/getReleaseGateways.ts'
import { getSubdomainUrl } from '../../lib/ipfs/getSubdomainUrl.ts'
import type { InspectReleaseReturnType } from '../../lib/ipfs/inspectRelease.ts'
import { parseCid } from '../../lib/ipfs/parseCid.ts'
import { parseSubdomainHost } from '../../lib/ipfs/parseSubdomainHost.ts'
import { errorText } from '../display/errorText.ts'
import { NothingToConfirmError } from './errors.ts'
import type { ReleaseRecord } from '../../lib/ens/getReleaseRecord.ts'
import type { VerifiedAt } from './balanceState.svelte.ts'
import { type SetupBundle, encryptSetup } from '../keys/setupExport.ts'

/** The query parameter of `#/move-in` that carries the encrypted setup to the new origin (never sent to a server: it is in the URL's fragment). */
export const moveInParameter = 'setup'

export type MovePhase = 'idle' | 'checking' | 'ready' | 'failed'

/**
 * Settings → Move to a new release: checks a pasted CID (every block against it, from the same
 * untrusted gateways as this copy), says what the build is, then carries the encrypted setup export
 * to the new origin, where the import continues.
 */
export class MoveReleaseState {
  #origin: DetectOriginReturnType
  #userGateways: () => readonly string[]
  #phase = $state<MovePhase>('idle')
  #release = $state.raw<(InspectReleaseReturnType & { url: string }) | undefined>(undefined)
  #error = $state<{ name: string; text: string; gateways: GatewayReport[] } | undefined>(undefined)
  #progress = $state(0)
  #abort: AbortController | undefined
  #readRecord: ((name: string) => Promise<VerifiedAt & ReleaseRecord>) | undefined
  #record = $state.raw<(VerifiedAt & ReleaseRecord) | undefined>(undefined)
  #recordError = $state<string | undefined>(undefined)

  constructor({ origin, userGateways, readRecord }: {
    origin: DetectOriginReturnType
    userGateways: () => readonly string[]
    /** Reads an ENS release record at the verified head (NameState.releaseRecord). */
    readRecord?: (name: string) => Promise<VerifiedAt & ReleaseRecord>
  }) {
    this.#origin = origin
    this.#userGateways = userGateways
    this.#readRecord = readRecord
  }

  /** The release record read last (an ENS name: its contenthash and its commit text), with the block it was verified at. */
  get record() { return this.#record }
  get recordError() { return this.#recordError }

  /** Reads the release record and checks the CID it names. */
  async checkRecord(name: string): Promise<void> {
    this.#record = this.#recordError = undefined
    try {
      if (!this.#readRecord) throw new NothingToConfirmError('This network has no ENS, so no release record can be read.')
      const record = await this.#readRecord(name)
      this.#record = record
      if (!record.cid) throw new NothingToConfirmError(`${record.name} has no contenthash at block ${record.block}: it names no release.`)
      await this.check(record.cid.toString())
    } catch (error) {
      // A head that is not current is refused in the record's own words (nameState.releaseRecord).
      this.#recordError = errorText(error)
    }
  }

  get phase() { return this.#phase }
  get release() { return this.#release }
  get error() { return this.#error }
  /** Bytes verified so far. */
  get progress() { return this.#progress }
  /** Every gateway asked, in order (none trusted). */
  get gateways() { return getReleaseGateways({ location, userGateways: this.#userGateways() }) }

  /** Checks the CID the user pasted; a malformed one is refused before anything is fetched. */
  async check(input: string): Promise<void> {
    this.#abort?.abort()
    const abort = (this.#abort = new AbortController())
    this.#release = this.#error = undefined
    this.#progress = 0
    let cid: CID
    try {
      cid = parseCid(input.trim())
      if (this.#origin.cid && cid.toV1().toString() === this.#origin.cid) throw new SameReleaseError({ cid: this.#origin.cid })
    } catch (error) {
      return this.#fail(error)
    }
    this.#phase = 'checking'
    try {
      const { inspectRelease } = await import('../../lib/ipfs/inspectRelease.ts')
      const release = await inspectRelease({ cid: cid.toV1(), gateways: this.gateways, signal: abort.signal, onProgress: (p) => (this.#progress = p.bytes) })
      if (abort.signal.aborted) return
      this.#release = { ...release, url: this.#urlOf(release.cid) }
      this.#phase = 'ready'
    } catch (error) {
      if (!abort.signal.aborted) this.#fail(error)
    }
  }

  /** The encrypted export, in the new origin's `#/move-in` link: the setup goes with the user, through no server. */
  async exportFor({ bundle, password }: { bundle: SetupBundle; password: string }): Promise<string> {
    if (!this.#release) throw new NothingToConfirmError('Check the new release first.')
    const file = await encryptSetup({ bundle, password })
    return `${this.#release.url}#/move-in?${new URLSearchParams({ [moveInParameter]: file })}`
  }

  cancel(): void {
    this.#abort?.abort()
    this.#phase = 'idle'
    this.#release = this.#error = undefined
  }

  /** The new CID on an origin of its own, on the gateway this copy came from (or the local node). */
  #urlOf(cid: CID): string {
    const sub = parseSubdomainHost(location.hostname)
    const port = location.port === '' ? '' : `:${location.port}`
    const gatewayOrigin = sub ? `${location.protocol}//${sub.parentDomain}${port}` : this.#origin.kind === 'path-gateway' ? location.origin : localNodeGateways[0]
    return getSubdomainUrl({ gatewayOrigin, namespace: 'ipfs', label: cid.toV1().toString() })
  }

  #fail(error: unknown): void {
    this.#phase = 'failed'
    const gateways = gatewayReportsOf(error) ?? []
    this.#error = { name: (error as Error)?.name ?? 'Error', text: errorText(error), gateways }
  }
}
