/**
 * An `oncopy` handler for a shown (rounded, grouped) amount: when the selection lies inside the
 * element, the clipboard gets the exact value instead of the rounded text. A selection that spans
 * more of the page is copied as it is.
 */
export function copyExact(exact: string): (event: ClipboardEvent & { currentTarget: EventTarget & Element }) => void {
  return (event) => {
    const selection = getSelection()
    const element = event.currentTarget
    if (!selection || !event.clipboardData || !element.contains(selection.anchorNode) || !element.contains(selection.focusNode)) return
    event.clipboardData.setData('text/plain', exact)
    event.preventDefault()
  }
}
