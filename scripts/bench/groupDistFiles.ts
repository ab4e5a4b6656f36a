import { posix } from 'node:path'
import { findFirstPaintFiles, findStaticClosure, parseStaticImports } from './findFirstPaintFiles.ts'

/** The app core: what every user loads on the way to a first verified balance. */
export const coreGroups = ['first paint', 'engine (page)', 'light-client worker'] as const

/**
 * Optional parts, named after the lazy chunks that lead into them (Rolldown names a dynamic entry
 * after its module). A file reached from several is counted once, in the first of this list that
 * reaches it: the EVM first (any token balance loads it), then the wallet's own flows, then the rest.
 */
export const featureGroups: { group: string; entry: RegExp }[] = [
  { group: 'local EVM (eth_call: token balances, previews)', entry: /^(runVerifiedCall|estimateVerifiedGas|prepareVerifiedCall|createVerifiedEvm|ProvenStateManager)$/ },
  // After the EVM: the precompiles' chunk may import the EVM's own chunk (where Rolldown put the
  // constants both use), which belongs to the EVM; what only the precompiles reach is theirs.
  { group: 'BLS12-381 precompiles (the local EVM loads them when a call reaches 0x0b-0x11)', entry: /^_?evmBls12381$/ },
  { group: 'keys, signing and sending', entry: /^(walletOps|vaultRecord|keystoreKdf\.worker|CreateWallet|ImportWallet|Send|sendFlow\.svelte|prepareTransfer|sendTransfer|sendThroughWallet|prepareContractCall|getTransactionPreview|previewTransaction|detectAddressPoisoning|parseAmount|createExternalSigner|watchExternalSigners|verifyAddress|refreshActivity)$/ },
  { group: 'Ledger and QR signers', entry: /^(hardwareSigners|hardwareAccount|createLedgerAccount|ledgerTransport|openLedgerHidTransport|TransportWebHID|LedgerConnect|listLedgerAddresses|verifyLedgerAddress|QrImport|QrScanner|QrSignRequest|qrSigningState\.svelte|createQrSignRequest|readUr|verifyQrSignature|parseQrAccounts|decodeQrFrame)$/ },
  { group: 'history', entry: /^(history|updateHistory|describeHistoryToken|createIndexedDbHistoryStore|historyStore|getVerifiedHistory)$/ },
  { group: 'contract and approvals', entry: /^(Contract|Approvals|getVerifiedApprovals|knownAbis|parseContractAbi|parseFunctionArgs|decodeCalldata|buildRescueCall|getTokenMetadata)$/ },
  { group: 'ENS names and prices', entry: /^(ens|resolveEnsName|lookupEnsName|getFeedPrice)$/ },
  { group: 'release inspector', entry: /^(MoveIn|moveReleaseState\.svelte|inspectRelease|getReleaseRecord)$/ },
]
export const otherScreens = 'other screens and actions'
export const serviceWorker = 'service worker (sw.js)'
export const staticFiles = 'static files (icons, manifest, build info)'

/** Relative specifiers of `import("./x.js")` (Vite's lazy chunks) and `new URL("x.js", import.meta.url)` (its workers). */
export function parseLazyReferences(code: string): string[] {
  const found = new Set<string>()
  for (const m of code.matchAll(/\bimport\(\s*[`"'](\.{1,2}\/[^`"']+\.js)[`"']\s*\)/g)) found.add(m[1]!)
  for (const m of code.matchAll(/\bnew URL\(\s*[`"']([^`"':]+\.js)[`"']\s*,\s*import\.meta\.url\s*\)/g)) found.add(m[1]!.startsWith('.') ? m[1]! : `./${m[1]}`)
  return [...found]
}

/** `assets/Contract-BntdMD6Y.js` -> `Contract` (Rolldown appends `-` and an 8-character hash). */
export const chunkName = (file: string) => posix.basename(file).replace(/-[\w-]{8}\.(js|css)$/, '')

export type GroupDistFilesParameters = { files: string[]; html: string; readText: (path: string) => string }

/**
 * Assigns every file of a build to one group: the core (first paint, the page's engine chunk and
 * what it imports statically, the light-client worker and everything it loads), then each optional
 * feature, found by following lazy references from the core. Every file is counted exactly once.
 */
export function groupDistFiles({ files, html, readText }: GroupDistFilesParameters): Map<string, string> {
  const group = new Map<string, string>()
  const join = (from: string, spec: string) => posix.normalize(posix.join(posix.dirname(from), spec))
  const lazyOf = (file: string) => (file.endsWith('.js') ? parseLazyReferences(readText(file)).map((s) => join(file, s)) : [])
  const claim = (list: Iterable<string>, name: string) => { for (const f of list) if (!group.has(f)) group.set(f, name) }

  const firstPaint = findFirstPaintFiles({ html, readText })
  claim(firstPaint, 'first paint')
  const lazyFromPaint = firstPaint.flatMap(lazyOf)
  const engine = lazyFromPaint.filter((f) => chunkName(f) === 'createChainEngine')
  claim(findStaticClosure({ entries: engine, readText }), 'engine (page)')
  // The worker's whole graph: it loads its lazy parts (if any) at start too.
  const worker = lazyFromPaint.filter((f) => chunkName(f) === 'lightClient.worker')
  claim(reachable({ entries: worker, readText, lazyOf, stop: (f) => group.has(f) && !worker.includes(f) }), 'light-client worker')

  // Lazy entries reachable from anywhere, each with its own full closure (outside what is claimed).
  const entries = new Set<string>()
  const queue = [...group.keys()].flatMap(lazyOf)
  while (queue.length > 0) {
    const f = queue.shift()!
    if (entries.has(f) || !files.includes(f)) continue
    entries.add(f)
    for (const g of findStaticClosure({ entries: [f], readText })) queue.push(...lazyOf(g))
  }
  // A lazy chunk with a generic name (a vendor's `esm`, `dist`, `utils`) belongs to whoever reaches it first.
  const groupOfEntry = (f: string) => featureGroups.find((g) => g.entry.test(chunkName(f)))?.group
  for (const name of [...featureGroups.map((g) => g.group), otherScreens]) {
    const mine = [...entries].filter((f) => (groupOfEntry(f) ?? otherScreens) === name)
    const foreign = (f: string) => entries.has(f) && groupOfEntry(f) !== undefined && groupOfEntry(f) !== name
    claim(reachable({ entries: mine, readText, lazyOf, stop: (f) => group.has(f) || foreign(f) }), name)
  }
  // A lazy chunk's stylesheet shares its chunk's name; files no code references are the static ones.
  const byName = new Map([...group].filter(([f]) => f.endsWith('.js')).map(([f, g]) => [chunkName(f), g]))
  for (const f of files) {
    if (group.has(f)) continue
    group.set(f, f === 'sw.js' ? serviceWorker : f.endsWith('.css') ? (byName.get(chunkName(f)) ?? otherScreens) : f.endsWith('.js') ? otherScreens : staticFiles)
  }
  return new Map([...group].filter(([f]) => files.includes(f)))
}

/** Files reached from `entries` through static imports and lazy references, not entering `stop` files. */
function reachable({ entries, readText, lazyOf, stop }: { entries: string[]; readText: (path: string) => string; lazyOf: (file: string) => string[]; stop: (file: string) => boolean }): string[] {
  const seen = new Set<string>()
  const queue = [...entries]
  while (queue.length > 0) {
    const f = queue.shift()!
    if (seen.has(f) || stop(f)) continue
    seen.add(f)
    if (!f.endsWith('.js')) continue
    queue.push(...parseStaticImports(readText(f)).map((s) => posix.normalize(posix.join(posix.dirname(f), s))), ...lazyOf(f))
  }
  return [...seen]
}
