import { BaseError } from '../../lib/errors.ts'

/**
 * The app's own refusals: a precondition the user can meet (a verified head, a loaded wallet, a
 * connected browser wallet) or input the app cannot take. Each names what to do next.
 */

export class KeysRefusedError extends BaseError {
  override name = 'KeysRefusedError'
  constructor() {
    super('This copy is open on a shared-origin gateway, where other sites can read its storage: it keeps no keys here. Open it on its own origin, or accept the risk first.')
  }
}

export class NoVerifiedHeadError extends BaseError {
  override name = 'NoVerifiedHeadError'
  constructor({ action }: { action: string }) {
    super(`${action} needs a verified head: wait until the light client is synced.`)
  }
}

/** A contract write was encoded before a contract (address and ABI) was loaded on the Contract screen. */
export class ContractNotLoadedError extends BaseError {
  override name = 'ContractNotLoadedError'
  constructor() {
    super('Load a contract first (its address and ABI).')
  }
}

/** A component asked for the app state outside the tree App.svelte sets it in (a programming error). */
export class AppContextMissingError extends BaseError {
  override name = 'AppContextMissingError'
  constructor() {
    super('getApp() was called outside <App>, where the app state is not set.')
  }
}

export class ChainEngineStoppedError extends BaseError {
  override name = 'ChainEngineStoppedError'
  constructor() {
    super('The chain engine stopped (the network was switched or the app is closing); the read was dropped.')
  }
}

export class WalletNotReadyError extends BaseError {
  override name = 'WalletNotReadyError'
  constructor({ reason }: { reason: 'code not loaded' | 'no watch list' | 'no recovery phrase' }) {
    super(
      reason === 'code not loaded' ? 'The wallet code is not loaded yet; try again in a moment.'
        : reason === 'no watch list' ? 'This copy keeps no watch list.'
          : 'This wallet has no recovery phrase to derive accounts from; import one.',
    )
  }
}

export class WalletExistsError extends BaseError {
  override name = 'WalletExistsError'
  constructor() {
    super('A wallet exists in this copy already; reset it first.')
  }
}

export class AccountNotInWalletError extends BaseError {
  override name = 'AccountNotInWalletError'
  readonly address: string
  constructor({ address }: { address: string }) {
    super(`The account ${address} is not in the wallet.`)
    this.address = address
  }
}

export class BrowserWalletUnavailableError extends BaseError {
  override name = 'BrowserWalletUnavailableError'
  readonly address: string
  constructor({ address, walletName, rdns }: { address: string; walletName?: string; rdns?: string }) {
    super(walletName
      ? `The browser wallet ${walletName} (${rdns}) is not available in this browser now.`
      : `No browser wallet is connected for ${address}.`)
    this.address = address
  }
}

/** A review-screen action with nothing (or something else) to act on: a stale click, or a second one. */
export class NothingToConfirmError extends BaseError {
  override name = 'NothingToConfirmError'
  constructor(shortMessage = 'Nothing to confirm.') {
    super(shortMessage)
  }
}

export class NoDefaultEndpointsError extends BaseError {
  override name = 'NoDefaultEndpointsError'
  constructor() {
    super('Only the built-in networks have default endpoints.')
  }
}

/** Latchkey asks QR signers for transactions only. */
export class QrSignerUnsupportedError extends BaseError {
  override name = 'QrSignerUnsupportedError'
  constructor({ what }: { what: string }) {
    super(`Signing ${what} with a QR signer is not supported in Latchkey.`)
  }
}
