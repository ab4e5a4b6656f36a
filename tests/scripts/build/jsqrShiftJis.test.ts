// The build replaces jsQR's Shift-JIS table with the browser's decoder (scripts/build/jsqrShiftJis.ts).
// Checked here: the same character for every Kanji-mode code jsQR's table has, and a Kanji-mode QR
// code still decodes to the same text through the rewritten jsQR.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import QRCode from 'qrcode'
import { expect, it } from 'vitest'
import { replaceJsqrShiftJisTable, shiftJisLookup } from '../../../scripts/build/jsqrShiftJis.ts'

const require = createRequire(import.meta.url)
const jsqrFile = require.resolve('jsqr')
const original = readFileSync(jsqrFile, 'utf8')
/** Runs jsQR's UMD bundle and returns its export. */
const load = (code: string) => {
  const module = { exports: {} as Record<string, unknown> }
  new Function('module', 'exports', code)(module, module.exports)
  return (module.exports as { default?: unknown }).default ?? module.exports
}
const originalTable = (() => {
  const start = original.indexOf('exports.shiftJISTable = {')
  return new Function(`return ${original.slice(start + 'exports.shiftJISTable = '.length, original.indexOf('\n};', start) + 2)}`)() as Record<number, number>
})()

it("gives jsQR's character for every double-byte code its table has; codes it lacks stay unknown or decode (row 0x87)", () => {
  const lookup = new Function(`return ${shiftJisLookup}`)() as Record<number, number | undefined>
  let compared = 0
  // Every code decodeKanji can form from 13 bits (jsQR's decoder/decodeData).
  for (let k = 0; k < 8192; k++) {
    let code = (Math.floor(k / 0xc0) << 8) | (k % 0xc0)
    code += code < 0x1f00 ? 0x8140 : 0xc140
    if (code in originalTable) {
      expect(lookup[code], code.toString(16)).toBe(originalTable[code])
      compared++
    } else if (lookup[code] !== undefined) {
      // NEC's row 13 (circled numbers, Roman numerals), which jsQR rendered as U+0000.
      expect(code >> 8, code.toString(16)).toBe(0x87)
    }
  }
  expect(compared).toBeGreaterThan(6800)
  expect(replaceJsqrShiftJisTable(original).length).toBeLessThan(original.length - 100_000)
})

it('the rewritten jsQR reads a Kanji-mode QR code, and an unexpected jsQR bundle fails the build', async () => {
  // 0x8160 (the last character) is one where the JIS and Microsoft mappings differ: jsQR's 〜 is kept.
  const text = '漢字モード「ＱＲ」～'
  const toSJIS = require('qrcode/helper/to-sjis') as (c: string) => number
  const qr = QRCode.create([{ data: text, mode: 'kanji' }], { toSJISFunc: toSJIS, errorCorrectionLevel: 'M' })
  expect(qr.segments[0]?.mode.id).toBe('Kanji')
  const scale = 4
  const margin = 4
  const size = (qr.modules.size + 2 * margin) * scale
  const rgba = new Uint8ClampedArray(size * size * 4).fill(255)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const [mx, my] = [Math.floor(x / scale) - margin, Math.floor(y / scale) - margin]
      const dark = mx >= 0 && my >= 0 && mx < qr.modules.size && my < qr.modules.size && qr.modules.get(my, mx)
      if (dark) rgba.fill(0, (y * size + x) * 4, (y * size + x) * 4 + 3)
    }
  }
  type JsQr = (data: Uint8ClampedArray, w: number, h: number) => { data: string } | null
  const before = (load(original) as JsQr)(rgba, size, size)?.data
  expect(before).toBe('漢字モード「ＱＲ」〜')
  expect((load(replaceJsqrShiftJisTable(original)) as JsQr)(rgba, size, size)?.data).toBe(before)
  expect(() => replaceJsqrShiftJisTable(original.replace('exports.shiftJISTable = {', 'exports.table = {'))).toThrow(/Shift-JIS table/)
})
