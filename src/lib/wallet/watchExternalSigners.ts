import type { EIP6963ProviderDetail } from 'mipd'
import { createStore } from 'mipd'

export type WatchExternalSignersParameters = {
  /** Called with every injected wallet announced so far (EIP-6963), each time the list changes. */
  onChange: (wallets: readonly EIP6963ProviderDetail[]) => void
}
export type WatchExternalSignersReturnType = () => void

/** Discovers browser wallets via EIP-6963 (https://eips.ethereum.org/EIPS/eip-6963). Returns a stop function. */
export function watchExternalSigners({ onChange }: WatchExternalSignersParameters): WatchExternalSignersReturnType {
  const store = createStore()
  const unsubscribe = store.subscribe((wallets) => onChange(wallets), { emitImmediately: true })
  return () => {
    unsubscribe()
    store.destroy()
  }
}
