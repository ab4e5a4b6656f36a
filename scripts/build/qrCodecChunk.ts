import type { StartUpChunkGroup } from './startUpChunks.ts'

const members = /\/node_modules\/@paulmillr\/qr\/esm\/index\.js$|\/src\/ui\/components\/common\/qrCodeImage\.ts$/

/**
 * @paulmillr/qr's encoder and qrCodeImage (the SVG Latchkey draws from its matrix) in one chunk.
 * Receive and the QR signers import qrCodeImage, the camera's decoder imports the encoder's module
 * (its format tables), so Rolldown made two files; the drawing code is 0.35 kB gzip, less than what
 * a file of its own costs in compression and one more fetch.
 */
export function qrCodecChunk(): StartUpChunkGroup {
  return { debugName: 'the QR encoder and qrCodeImage', priority: 0, name: (id) => (members.test(id) ? 'qrCodeImage' : null) }
}
