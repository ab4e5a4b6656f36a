import type { Plugin } from 'vite'

const tableStart = 'exports.shiftJISTable = {'

// Where jsQR's table (SHIFTJIS.TXT, the JIS mapping) and the browser's WHATWG `shift_jis` decoder
// (Microsoft's mapping) disagree on a double-byte code: jsQR's answers are kept.
const jisMapping: Record<number, number> = { 0x815f: 0x5c, 0x8160: 0x301c, 0x8161: 0x2016, 0x817c: 0x2212, 0x8191: 0xa2, 0x8192: 0xa3, 0x81ca: 0xac }

/** The module code that stands for jsQR's table: `table[code]` is the UTF-16 unit of a double-byte Shift-JIS code. */
export const shiftJisLookup = `(() => {
  const jis = ${JSON.stringify(jisMapping)};
  let decoder;
  return new Proxy({}, {
    get(_, key) {
      const code = Number(key);
      if (!Number.isInteger(code)) return undefined;
      if (code in jis) return jis[code];
      decoder ??= new TextDecoder('shift_jis');
      const text = decoder.decode(Uint8Array.of(code >> 8, code & 0xff));
      return text.length === 1 && text !== '\\ufffd' ? text.charCodeAt(0) : undefined;
    },
  });
})()`

/** jsQR's bundle with its Shift-JIS table replaced by `shiftJisLookup`; throws if the bundle no longer has the table where expected. */
export function replaceJsqrShiftJisTable(code: string): string {
  const start = code.indexOf(tableStart)
  const end = start < 0 ? -1 : code.indexOf('\n};', start)
  if (start < 0 || end < 0 || code.indexOf(tableStart, start + 1) >= 0) throw new Error('jsQR: its Shift-JIS table is not where latchkey:jsqr-shift-jis expects it (a new jsQR release?)')
  return `${code.slice(0, start)}exports.shiftJISTable = ${shiftJisLookup};${code.slice(end + 3)}`
}

/**
 * jsQR carries a 7037-entry Shift-JIS table (about 30 kB of its 46 kB gzip) for one thing: the
 * text of QR codes in Kanji mode, which no UR or `ethereum:` code uses. Browsers decode Shift-JIS
 * themselves (TextDecoder, the Encoding standard), so the table becomes a lookup through it, with
 * jsQR's own answers where the two mappings differ: Kanji codes still decode, to the same text for
 * every code jsQR's table has (tests/scripts/build/jsqrShiftJis.test.ts).
 */
export function jsqrShiftJis(): Plugin {
  return {
    name: 'latchkey:jsqr-shift-jis',
    transform(code, id) {
      return /\/node_modules\/jsqr\/dist\/jsQR\.js$/.test(id) ? { code: replaceJsqrShiftJisTable(code), map: null } : null
    },
  }
}
