import type { LocalAccount } from 'viem'
import { SignerNotKeptError } from '../state/errors.ts'
import type { QrSigningState } from '../state/qrSigningState.svelte.ts'
import type { WatchedSigner } from '../state/settings.svelte.ts'
import type { AccountView } from '../state/walletState.svelte.ts'

export type HardwareAccountParameters = {
  account: AccountView
  /** What is kept for the account: the Ledger's path, or the QR signer's path and fingerprint. */
  signer: WatchedSigner | undefined
  qrSigning: () => Promise<QrSigningState>
}

/** The signing account of a Ledger or QR-signer account (loaded only when one signs). */
export async function hardwareAccount({ account, signer, qrSigning }: HardwareAccountParameters): Promise<LocalAccount> {
  if (!signer || !('kind' in signer) || signer.kind !== account.kind) throw new SignerNotKeptError({ address: account.address, kind: account.kind === 'ledger' ? 'ledger' : 'qr' })
  if (signer.kind === 'ledger') {
    const [{ createLedgerAccount }, { getLedgerTransport }] = await Promise.all([import('../../lib/wallet/ledger/createLedgerAccount.ts'), import('./ledgerTransport.ts')])
    return createLedgerAccount({ transport: await getLedgerTransport(), path: signer.path, address: account.address })
  }
  return (await qrSigning()).account({ address: account.address, path: signer.path, sourceFingerprint: signer.sourceFingerprint, walletName: signer.walletName })
}
