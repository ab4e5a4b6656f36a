// viem's `call` action and the bytecodes it carries (constants/contracts.js: deployless calls,
// Multicall3, the signature validators) are in no file of the build: the verified client and the
// ENS lookups use their own call (src/lib/rpc/actions/call.ts, src/lib/ens/readUniversalResolver.ts),
// and nothing else imports viem's.
import { readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { expect, it } from 'vitest'
import { buildAppOnce } from '../e2e/serveApp.ts'

it("holds neither viem's call nor its bytecodes", async () => {
  const dir = await buildAppOnce()
  const viem = join(dirname(createRequire(import.meta.url).resolve('viem/package.json')), '_esm')
  // 64 hex digits from inside each bytecode (they all begin with the same solc preamble)
  const bytecodes = [...readFileSync(join(viem, 'constants/contracts.js'), 'utf8').matchAll(/export const (\w+) = '0x([0-9a-f]{600})/g)].map(([, name, hex]) => ({ name, hex: hex!.slice(400, 464) }))
  expect(bytecodes.length).toBeGreaterThanOrEqual(4)
  const files = readdirSync(join(dir, 'assets')).filter((f) => f.endsWith('.js'))
  const holding = files.flatMap((f) => {
    const code = readFileSync(join(dir, 'assets', f), 'utf8')
    return [
      ...bytecodes.filter(({ hex }) => code.includes(hex)).map(({ name }) => `${f}: ${name}`),
      // call.js's own message for a deployless call given both kinds of code
      ...(code.includes('Cannot provide both `code` & `factory`') || /^call-[\w-]{8}\.js$/.test(f) ? [`${f}: viem's call`] : []),
    ]
  })
  expect(holding).toEqual([])
})
