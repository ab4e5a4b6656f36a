// What the first paint loads must stay small: the light client, its BLS and the EVM load in the
// worker or on demand, never with the page's first scripts (an import from a shared module pulled
// Lodestar into it once, unnoticed until the bench). Sizes are in `npm run bench`; this checks what.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { findFirstPaintFiles, findStaticClosure } from '../../scripts/bench/findFirstPaintFiles.ts'
import { groupDistFiles } from '../../scripts/bench/groupDistFiles.ts'
import { buildAppOnce } from '../e2e/serveApp.ts'

it('keeps Lodestar, the BLS backend and the EVM out of the first paint, and the light client in its own worker bundle', async () => {
  const dir = await buildAppOnce()
  const readText = (path: string) => readFileSync(join(dir, path), 'utf8')
  const firstPaint = findFirstPaintFiles({ html: readText('index.html'), readText }).filter((f) => f.endsWith('.js'))
  const code = firstPaint.map(readText).join('\n')
  expect(firstPaint.length).toBeGreaterThan(0)
  expect(code).not.toContain('MAX_COMMITTEES_PER_SLOT') // @lodestar/params, loaded by anything of Lodestar
  expect(code).not.toContain('_blsInit') // herumi's WASM glue
  expect(code).not.toContain('DELEGATECALL') // @ethereumjs/evm
  // The hardware signers' libraries load only when a Ledger or a QR signer is used.
  expect(code).not.toContain('an address answer that is truncated') // the Ledger Ethereum-app client (createLedgerEth.ts)
  expect(code).not.toContain('no Ledger was chosen') // the WebHID transport (openLedgerHidTransport.ts)
  expect(code).not.toContain('eth-sign-request') // @keystonehq/bc-ur-registry-eth
  expect(code).not.toContain('cannot find finder') // @paulmillr/qr's decoder (the camera)
  // viem's contract calls and simulations belong to the lazy screens; they reached the first paint
  // through viem's index, which re-exports all of viem (scripts/build/viemDirectImports.ts).
  expect(code).not.toContain('ContractFunctionExecutionError') // viem's readContract / call errors
  expect(code).not.toContain('eth_simulateV1') // viem's simulateBlocks
  // The key-handling code loads when a vault is created or unlocked, not for Welcome or a watched
  // Home: it reached the first paint through the Vault class (23 kB gzip with its viem accounts).
  expect(code).not.toContain('maxmem" limit was hit') // @noble/hashes scrypt, the vault's KDF
  expect(code).not.toContain('fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141') // secp256k1's group order: signing
  expect(code).not.toContain('abandon\nability\nable') // the BIP-39 English wordlist

  // The worker is Vite's worker build, referenced by the page by URL, and holds the light client itself.
  const worker = /lightClient\.worker-[\w-]+\.js/.exec(code)?.[0]
  expect(worker).toBeDefined()
  const workerCode = findStaticClosure({ entries: [`assets/${worker}`], readText }).map(readText).join('\n')
  expect(workerCode).toContain('MAX_COMMITTEES_PER_SLOT')
  expect(workerCode).toContain('LightClientFinalityUpdate') // src/lib/consensus/lightClientSsz.ts
  // Only the light-client containers: @lodestar/types (every container of every fork, 40 % of the
  // worker once) and as-sha256's WebAssembly stay out (vite.config.ts says why).
  expect(workerCode).not.toContain('BlobSidecar') // a Deneb container of @lodestar/types
  expect(workerCode).not.toContain('ExecutionPayloadBid') // a Gloas container of @lodestar/types
  expect(workerCode).not.toContain('HAS_SIMD') // @chainsafe/as-sha256's WebAssembly loader
}, 300_000)

it('loads the first paint as a few files and the page engine as one (and what it shares with the worker), outside the first paint (scripts/build/startUpChunks.ts)', async () => {
  const dir = await buildAppOnce()
  const readText = (path: string) => readFileSync(join(dir, path), 'utf8')
  const firstPaint = findFirstPaintFiles({ html: readText('index.html'), readText }).filter((f) => f.endsWith('.js'))
  // index.html's worker starter, Rolldown's runtime, the entry, the first paint's one chunk, what
  // it shares with the light-client worker (sharedWithWorker) and with the service worker
  // (sharedWithServiceWorker: multiformats' CID, the IPFS parsers).
  expect(firstPaint.length).toBeLessThanOrEqual(6)
  const engine = readdirSync(join(dir, 'assets')).find((f) => /^createChainEngine-[\w-]+\.js$/.test(f))
  expect(engine).toBeDefined()
  expect(firstPaint).not.toContain(`assets/${engine}`)
  // Everything the engine loads beyond the first paint is in its own file, and in the one it shares with the worker.
  const shared = readdirSync(join(dir, 'assets')).find((f) => /^engineWithWorker-[\w-]+\.js$/.test(f))
  expect(shared).toBeDefined()
  expect(findStaticClosure({ entries: [`assets/${engine}`], readText }).filter((f) => !firstPaint.includes(f)).sort()).toEqual([`assets/${engine}`, `assets/${shared}`].sort())
}, 300_000)

it('builds the light-client worker in the page\'s build: it shares the page\'s crypto chunks and imports none of the page\'s own (scripts/build/workerEntries.ts)', async () => {
  const dir = await buildAppOnce()
  const readText = (path: string) => readFileSync(join(dir, path), 'utf8')
  const assets = readdirSync(join(dir, 'assets'))
  const worker = assets.find((f) => /^lightClient\.worker-[\w-]+\.js$/.test(f))
  expect(worker).toBeDefined()
  const workerFiles = findStaticClosure({ entries: [`assets/${worker}`], readText })
  // The shared chunks are the worker's: the page's first paint (Svelte, the app) and engine chunks never run in it.
  expect(workerFiles.some((f) => /\/sharedWithWorker-/.test(f))).toBe(true)
  expect(workerFiles.some((f) => /\/engineWithWorker-/.test(f))).toBe(true)
  expect(workerFiles.filter((f) => /\/(index|createChainEngine)-/.test(f))).toEqual([])
  const workerCode = workerFiles.map(readText).join('\n')
  expect(workerCode).not.toContain('__vite__mapDeps') // Vite's preload helper, which reads `document`
  // The worker's @noble/curves BLS12-381 is the chunk the EVM's precompiles load too, not a copy of its own.
  const precompiles = assets.find((f) => /^_evmBls12381-[\w-]+\.js$/.test(f))
  expect(precompiles).toBeDefined()
  const precompileFiles = findStaticClosure({ entries: [`assets/${precompiles}`], readText })
  const bls = workerFiles.filter((f) => readText(f).includes('Fp12finalExponentiate'))
  expect(bls.length).toBeGreaterThan(0)
  for (const file of bls) expect(precompileFiles).toContain(file)
}, 300_000)

it('builds the keystore\'s KDF worker in the page\'s build: its scrypt is the page\'s one copy, and it imports none of the page\'s own chunks (scripts/build/workerEntries.ts)', async () => {
  const dir = await buildAppOnce()
  const readText = (path: string) => readFileSync(join(dir, path), 'utf8')
  const assets = readdirSync(join(dir, 'assets'))
  const worker = assets.find((f) => /^keystoreKdf\.worker-[\w-]+\.js$/.test(f))
  expect(worker).toBeDefined()
  const workerFiles = findStaticClosure({ entries: [`assets/${worker}`], readText })
  // Neither the first paint's nor the engine's chunk, nor an optional feature's (all run the page's Svelte code).
  expect(workerFiles.filter((f) => /\/(index|createChainEngine|hardwareSigners|sendScreen|contractScreens|contractScreens_sendScreen|screens|walletOps)-/.test(f))).toEqual([])
  const workerCode = workerFiles.map(readText).join('\n')
  expect(workerCode).not.toContain('__vite__mapDeps') // Vite's preload helper, which reads `document`
  // @noble/hashes' scrypt is in the worker's files, and in no other file of the build.
  const scrypt = assets.filter((f) => f.endsWith('.js') && readText(`assets/${f}`).includes('maxmem" limit was hit'))
  expect(scrypt).toHaveLength(1)
  expect(workerFiles).toContain(`assets/${scrypt[0]}`)
}, 300_000)

it('loads the local EVM without viem\'s index (an `import(\'viem\')` there was all of viem, 64 kB gzip, on the first token balance)', async () => {
  const dir = await buildAppOnce()
  const readText = (path: string) => readFileSync(join(dir, path), 'utf8')
  const files = (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1).split('\\').join('/'))
  const parts = groupDistFiles({ files, html: readText('index.html'), readText })
  const evm = files.filter((f) => parts.get(f) === 'local EVM (eth_call: token balances, previews)' && f.endsWith('.js')).map(readText).join('\n')
  expect(evm).toContain('DELEGATECALL') // @ethereumjs/evm: the part is found
  expect(evm).not.toContain('eth_simulateV1') // viem's simulateBlocks, reached only through its index
}, 300_000)
