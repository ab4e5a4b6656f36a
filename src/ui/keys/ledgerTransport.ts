import type Transport from '@ledgerhq/hw-transport'
import { WebHidUnavailableError } from './errors.ts'

/** Where the Ledger's transport comes from: WebHID in the browser. Tests of the page replace `navigator.hid` itself. */
let current: Promise<Transport> | undefined

/**
 * The session's Ledger transport, opened once (WebHID asks for the device the first time: that needs
 * a click, which every caller here follows). Dropped on disconnect, so the next use asks again.
 */
export function getLedgerTransport(): Promise<Transport> {
  current ??= (async () => {
    const { default: TransportWebHID } = await import('@ledgerhq/hw-transport-webhid')
    if (!(await TransportWebHID.isSupported())) throw new WebHidUnavailableError()
    const transport = await TransportWebHID.create()
    transport.on('disconnect', () => (current = undefined))
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
