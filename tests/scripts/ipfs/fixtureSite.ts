// A small site on disk shaped like a Vite build, with one file large enough
// (2.5 MiB) to be chunked and a hidden file that must be left out.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export const fixtureCsp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'"
export const bigFileSize = 2.5 * 1024 * 1024

export async function writeFixtureSite(dir: string): Promise<void> {
  await mkdir(join(dir, 'assets', 'nested'), { recursive: true })
  await writeFile(join(dir, 'index.html'), `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${fixtureCsp}" /><script type="module" src="./assets/app.js"></script></head><body>latchkey</body></html>\n`)
  await writeFile(join(dir, 'assets', 'app.js'), 'console.log("latchkey")\n')
  await writeFile(join(dir, 'assets', 'style.css'), 'body { margin: 0 }\n')
  await writeFile(join(dir, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>\n')
  await writeFile(join(dir, 'assets', 'nested', 'data.json'), '{"ok":true}\n')
  const big = new Uint8Array(bigFileSize)
  // Deterministic, non-repeating content so every chunk is a different block.
  let x = 1
  for (let i = 0; i < big.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0
    big[i] = x >>> 24
  }
  await writeFile(join(dir, 'assets', 'bls.wasm'), big)
  await writeFile(join(dir, '.DS_Store'), 'hidden')
}
