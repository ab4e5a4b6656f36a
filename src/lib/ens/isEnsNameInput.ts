/**
 * True for text a recipient field should resolve as an ENS name rather than check as an address:
 * it has a dot and is not hex after 0x (so a mistyped address is reported as an address error).
 */
export function isEnsNameInput(text: string): boolean {
  const t = text.trim()
  return t.includes('.') && !/^0x[0-9a-fA-F]*$/.test(t)
}
