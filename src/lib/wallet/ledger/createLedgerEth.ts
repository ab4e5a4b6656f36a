import Eth from '@ledgerhq/hw-app-eth'
import type Transport from '@ledgerhq/hw-transport'
import { LedgerDeviceError } from './errors.ts'

// hw-app-eth's defaults reach Ledger's services (CAL, NFT and plugin metadata, cdn.live.ledger.com)
// when no resolution is given: every URL is switched off here, and signing always passes a
// resolution built from the build's own data (resolveLedgerTransaction), so nothing is fetched.
const offline = {
  nftExplorerBaseURL: null,
  pluginBaseURL: null,
  cryptoassetsBaseURL: null,
  calServiceURL: null,
  extraPlugins: null,
} as unknown as ConstructorParameters<typeof Eth>[2]

export type LedgerEth = Eth

/** The Ethereum app client over a transport (WebHID in the app, an emulator or a replayer in tests). */
export function createLedgerEth({ transport }: { transport: Transport }): LedgerEth {
  return new Eth(transport, 'w0w', offline)
}

/** Turns a transport failure into a LedgerDeviceError with its status word (rejected, locked, app not open...). */
export function toLedgerError(cause: unknown): LedgerDeviceError {
  if (cause instanceof LedgerDeviceError) return cause
  const { statusCode, name } = (cause ?? {}) as { statusCode?: unknown; name?: string }
  // hw-app-eth turns 0x6a80 during signing into its own error without the status word.
  if (name === 'EthAppPleaseEnableContractData') return new LedgerDeviceError({ statusCode: 0x6a80, cause })
  return new LedgerDeviceError({ statusCode: typeof statusCode === 'number' ? statusCode : undefined, cause })
}
