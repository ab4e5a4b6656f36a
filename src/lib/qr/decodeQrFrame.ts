import decodeQR from '@paulmillr/qr/decode.js'
import { type RgbaImage, rotateImageEighthTurn } from './rotateImageEighthTurn.ts'

export type DecodeQrFrameParameters = RgbaImage
/** The code's text, or undefined when the frame shows no code the decoder can read. */
export type DecodeQrFrameReturnType = string | undefined

/**
 * Reads a camera frame with @paulmillr/qr's decoder (the app's encoder is the same library, so the
 * scanner adds only the decoder), upright and then turned by 45°: alone it misses codes held at
 * about 35-55°, which a phone held at an angle to the signer's screen shows.
 */
export function decodeQrFrame(image: DecodeQrFrameParameters): DecodeQrFrameReturnType {
  return readOrUndefined(image) ?? readOrUndefined(rotateImageEighthTurn(image))
}

// The decoder throws when it finds no code, which is what most camera frames show: not a failure.
function readOrUndefined(image: RgbaImage): string | undefined {
  try {
    return decodeQR(image)
  } catch {
    return undefined
  }
}
