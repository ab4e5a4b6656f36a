import type { HidLike, LedgerHidTransport } from '../../lib/wallet/ledger/openLedgerHidTransport.ts'
import { WebHidUnavailableError } from './errors.ts'

/** Where the Ledger's transport comes from: WebHID in the browser. Tests of the page replace `navigator.hid` itself. */
let current: Promise<LedgerHidTransport> | undefined

/**
 * The session's Ledger transport, opened once (WebHID asks for the device the first time: that needs
 * a click, which every caller here follows). Dropped on disconnect, so the next use asks again.
 */
export function getLedgerTransport(): Promise<LedgerHidTransport> {
  current ??= (async () => {
    const hid = (globalThis.navigator as { hid?: HidLike } | undefined)?.hid
    if (!hid) throw new WebHidUnavailableError()
    const { openLedgerHidTransport } = await import('../../lib/wallet/ledger/openLedgerHidTransport.ts')
    const transport = await openLedgerHidTransport({ hid })
    transport.onDisconnect(() => (current = undefined))
    return transport
  })().catch((error) => {
    current = undefined
    throw error
  })
  return current
}

/** Closes the transport (the user disconnected, or the page is done with the device). */
export async function closeLedgerTransport(): Promise<void> {
  const transport = current
  current = undefined
  await (await transport?.catch(() => undefined))?.close().catch(() => undefined)
}
