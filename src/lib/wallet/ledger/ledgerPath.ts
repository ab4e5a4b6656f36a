/** The two layouts Ledger users have: BIP-44 accounts on one key (MetaMask, most wallets) and Ledger Live's one account per hardened index. */
export type LedgerPathScheme = 'bip44' | 'live'

export type LedgerPathParameters = { scheme: LedgerPathScheme; index: number }

/** The derivation path without its `m/` (as the Ethereum app takes it): 44'/60'/0'/0/i or 44'/60'/i'/0/0. */
export function ledgerPath({ scheme, index }: LedgerPathParameters): string {
  if (!Number.isInteger(index) || index < 0 || index >= 2 ** 31) throw new RangeError(`account index ${index} is out of range`)
  return scheme === 'live' ? `44'/60'/${index}'/0/0` : `44'/60'/0'/0/${index}`
}

/** Only the paths Latchkey offers are accepted back from storage. */
export function isLedgerPath(path: string): boolean {
  return /^44'\/60'\/0'\/0\/\d+$/.test(path) || /^44'\/60'\/\d+'\/0\/0$/.test(path)
}
