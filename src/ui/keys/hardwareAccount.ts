import type { Address, LocalAccount } from 'viem'
import type { WatchedSigner } from '../../lib/settings/settingsData.ts'
import { SignerNotKeptError } from './errors.ts'

/** What signs for a QR-signer account (the app's QrSigningState): only what this module calls. */
export type QrSigner = { account(signer: { address: Address; path: string; sourceFingerprint: number; walletName: string }): Promise<LocalAccount> }

export type HardwareAccountParameters = {
  account: { address: Address; kind: string }
  /** What is kept for the account: the Ledger's path, or the QR signer's path and fingerprint. */
  signer: WatchedSigner | undefined
  qrSigning: () => Promise<QrSigner>
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
