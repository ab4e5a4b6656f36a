import encodeQR from '@paulmillr/qr'

export type QrCodeImageParameters = {
  text: string
  /** ERC-4527 signers read the animated frames at low; a still code can afford medium. */
  errorCorrection: 'low' | 'medium'
  /** Quiet zone, in modules. */
  border?: number
}

/**
 * A QR code as an SVG data URL: one path of unit squares on a white square, crisp at any size
 * (no seams between modules, which a camera could read as light ones). @paulmillr/qr's own `svg`
 * output draws one <rect> per module without a background; drawing its module matrix here keeps
 * the image small and opaque.
 */
export function qrCodeImage({ text, errorCorrection, border = 1 }: QrCodeImageParameters): string {
  const rows = encodeQR(text, 'raw', { ecc: errorCorrection, border })
  let path = ''
  rows.forEach((row, y) => row.forEach((dark, x) => { if (dark) path += `M${x} ${y}h1v1h-1z` }))
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${rows.length} ${rows.length}" shape-rendering="crispEdges"><rect width="${rows.length}" height="${rows.length}" fill="#fff"/><path d="${path}"/></svg>`
  return `data:image/svg+xml,${encodeURIComponent(svg)}`
}
