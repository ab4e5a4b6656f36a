// The shape of what the user configured (networks and endpoints, tokens, contacts, watched
// addresses): kept by the app's Settings, carried by a setup file, read by the chain engine.
import type { Address } from 'viem'
import type { NetworkEntry } from '../trust/networkEntry.ts'
import type { Contact, RecentRecipient } from '../wallet/addressBook.ts'
import type { Token } from '../wallet/token.ts'

export type EndpointKind = 'beaconApis' | 'rpcs'

/**
 * A network as the user configured it. Public (built-in) networks take their identity and chain
 * config from the build only; custom ones carry the config the user confirmed on a review screen.
 */
export type NetworkSettings = NetworkEntry & {
  /**
   * Built-in networks: which lists are the user's (edited) rather than the build's defaults. A
   * list that is not the user's is replaced by the running build's defaults on load.
   */
  userEndpoints?: Record<EndpointKind, boolean>
}

export type SettingsData = {
  version: 1
  networkId: string
  networks: NetworkSettings[]
  /** Minutes; 0 = never. */
  autoLockMinutes: number
  /** The user accepted the risk of a key vault on a shared (path-gateway) origin. */
  acceptedSharedOriginRisk: boolean
  /** ERC-20 tokens the user added by address (all chains; each carries its chainId). Not secret. */
  customTokens?: Token[]
  /** Addresses watched without a vault (no keys): usable on a shared-origin gateway too. */
  watched?: WatchedAddress[]
  /** The address book: named contacts (all chains). Not secret. */
  contacts?: Contact[]
  /** Addresses sent to from this copy, with first-seen dates (for the poisoning check on review). */
  recipients?: RecentRecipient[]
  /** Accept ENS answers from offchain (CCIP-read) gateways, shown as unverified. Default: refused. */
  allowOffchainEns?: boolean
}

/**
 * An address kept outside the vault; with `signer`, something that holds its key signs for it: a
 * browser wallet (EIP-6963, by its rdns), a Ledger (by derivation path) or an air-gapped QR signer
 * (ERC-4527, by path and master fingerprint). None of them is secret.
 */
export type WatchedAddress = { address: Address; name: string; signer?: WatchedSigner }
export type WatchedSigner =
  | { rdns: string; walletName: string }
  | { kind: 'ledger'; path: string; walletName: string }
  | { kind: 'qr'; path: string; sourceFingerprint: number; walletName: string }
