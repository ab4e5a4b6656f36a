import { type ChunkingContext, type StartUpChunkGroup, engine, entry, fullClosure, keystoreWorker, serviceWorkerModule, style, worker } from './startUpChunks.ts'

const roots = [entry, worker]

/**
 * Optional features whose code Rolldown spreads over many small lazy chunks (one per set of lazy
 * imports sharing a module: the Ledger and QR signers were 21 files of 0.3-2 kB). A feature's
 * entries are the lazy imports (screens, and what those load on demand) matching `entry`.
 * Not here: the screens a start can load (the import form and the link review, preloaded on a
 * cold start), so none of these chunks is on a start's path.
 *
 * The screens opened from Home and the menu are one feature: as three (Send's flow, Contract and
 * Approvals, the others) they were four chunks (with what Send and Contract share) and 4.7 kB gzip
 * more in all (Svelte's compiled components share most of their text). Opening one screen loads
 * the others' code too (44.3 kB gzip of script, once per visit; the service worker has it already).
 */
const features: { name: string; entry: RegExp }[] = [
  // Ledger (the Ethereum app's client, WebHID) and ERC-4527 QR signers (UR, CBOR, the scanner UI).
  { name: 'hardwareSigners', entry: /\/src\/(lib\/wallet\/(ledger|qr)\/|ui\/keys\/(hardwareAccount|ledgerTransport)\.ts$|ui\/components\/(onboarding\/(LedgerConnect|QrImport)|qr\/|send\/QrSignRequest)\.?|ui\/state\/(ledgerConnectState|qrSigningState)\.svelte\.ts$)/ },
  // The screens opened from Home and the menu, with what their flows load step by step (the send
  // flow's amount, transfer, preview, poisoning check and broadcast; Contract and Approvals; the
  // contract readers, the transaction preview and the proof-bundle check, which only they load:
  // as entries of their own they were eleven chunks more, 4.1 kB gzip more in all). previewTransaction
  // itself stays out (it shares the local EVM's chunks); as an entry here its ABIs and calldata
  // decoder are the screens' own.
  { name: 'screens', entry: /\/src\/(ui\/screens\/(Send|Contract|Approvals|Receive|Activity|NetworkTrust|SettingsScreen|VerifyProof|About)\.svelte|lib\/wallet\/(parseAmount|prepareTransfer|prepareContractCall|detectAddressPoisoning|sendTransfer|sendThroughWallet)\.ts|lib\/contract\/(knownAbis|parseContractAbi|encodeFunctionCall|decodeCalldata|buildRescueCall)\.ts|lib\/rpc\/(toPreviewCall|getTransactionPreview)\.ts|lib\/bundle\/(toPreviewOutcome|verifyProofBundleWith)\.ts|lib\/execution\/previewTransaction\.ts)$/ },
  // ENS: the primary-name lookup (Home, the review), a typed name's resolution (Send) and the
  // release record (Settings), with the recording transport both readers use: one chunk (it was
  // five), most of it the name normaliser that all three load.
  { name: 'ens', entry: /\/src\/(lib\/ens\/(lookupEnsName|resolveEnsName|getReleaseRecord)|ui\/engine\/createRecordingTransport)\.ts$/ },
  // The Activity screen's proven history (its store, token descriptions and the range prover) and
  // the approvals scan, which reads the same store and proves its headers with the same code.
  { name: 'history', entry: /\/src\/lib\/(history\/(updateHistory|describeHistoryToken|createIndexedDbHistoryStore|historyStore)|contract\/getVerifiedApprovals)\.ts$/ },
]

/**
 * Modules kept in chunks of their own, which a feature's module may import without taking them in.
 * Libraries a feature's group would take in as its dependencies although other lazy code uses them
 * too (the start-up closures reach them through viem's index, so featureChunks counts them as a
 * start's): the price client does not load ENS (viem's `custom` transport) and the screens do not
 * load ENS nor ENS the screens (namehash, decodeFunctionData). And two small helpers the screens
 * share with the unlock path (walletOps) and the first paint's lazy address check: pinned, the
 * send and contract flows that use them are the screens' own (five chunks fewer, 2.1 kB gzip).
 */
const pinned: { name: string; members: RegExp }[] = [
  { name: 'custom', members: /\/node_modules\/viem\/_esm\/clients\/transports\/custom\.js$/ },
  { name: 'namehash', members: /\/node_modules\/viem\/_esm\/utils\/(ens\/(namehash|encodedLabelToLabelhash)|abi\/decodeFunctionData)\.js$/ },
  { name: 'verifyAddress', members: /\/src\/lib\/wallet\/verifyAddress\.ts$/ },
  { name: 'computeFees', members: /\/src\/lib\/wallet\/computeFees\.ts$|\/node_modules\/viem\/_esm\/utils\/unit\/parseGwei\.js$/ },
]

/**
 * One chunk per optional feature (lower priority than startUpChunks' groups) for the modules that
 * only that feature's entries reach: every file is one more service-worker
 * fetch and verification, and small files compress worse (whole dist/ is what a visit downloads).
 * A module another entry also reaches (another feature, a start-up chunk, the light-client worker)
 * is left to Rolldown's own chunking, so opening one feature never loads another's code; libraries
 * (jsQR, the QR encoder, Ledger's token table) keep their own chunks, which load only when they are used.
 */
export function featureChunks(): StartUpChunkGroup[] {
  let owner: Map<string, string> | undefined
  const of = (ctx: ChunkingContext): Map<string, string> => {
    if (owner) return owner
    owner = new Map()
    // Another page built with this config (the bench page) has neither root: no groups then.
    if (roots.some((r) => !ctx.getModuleInfo(r))) return owner
    // Every entry: the roots, every lazily imported module, the keystore's KDF worker and the service
    // worker (entries of the build, workerEntries.ts and serviceWorkerBuild.ts, reached by no import):
    // entries of no feature, so what they use is never taken into a feature's chunk, which the
    // worker would then load.
    const reachable = new Set(roots.flatMap((r) => [...fullClosure(r, ctx, { lazy: true })]))
    const otherEntries = [keystoreWorker, serviceWorkerModule].filter((w) => ctx.getModuleInfo(w))
    const entries = new Set<string>([...roots, ...otherEntries, ...[...reachable].flatMap((id) => ctx.getModuleInfo(id)?.dynamicallyImportedIds ?? [])])
    const closureOf = (from: string) => fullClosure(from, ctx, { lazy: false })
    // What a start loads (the first paint, the light-client worker, the page's engine): the
    // start-up groups hold it, so a feature chunk can depend on it without taking it in.
    const start = new Set([...roots, engine].flatMap((r) => [...closureOf(r)]))
    // Which features' (or other) entries reach each module through static imports.
    const users = new Map<string, Set<string>>()
    for (const e of entries) {
      const feature = roots.includes(e) || e === engine ? 'start' : (features.find((f) => f.entry.test(e))?.name ?? `other:${e}`)
      for (const id of closureOf(e)) {
        if (!users.has(id)) users.set(id, new Set())
        users.get(id)!.add(feature)
      }
    }
    // A module that only features reach goes to the chunk of exactly those features (one chunk
    // per set of features, as Rolldown makes one per set of entries). A group takes the
    // dependencies of what it captures (Rolldown's includeDependenciesRecursively), so a module is
    // taken only if everything it imports is a start's, pinned or taken too: no module that another
    // entry needs moves into a feature's chunk.
    const featureSet = (id: string) => {
      const by = [...(users.get(id) ?? [])]
      return by.length > 0 && by.every((u) => features.some((f) => f.name === u)) ? by.sort().join('_') : undefined
    }
    const candidates = new Map<string, string>()
    for (const [id] of users) {
      const name = featureSet(id)
      if (name && !style.test(id)) candidates.set(id, name)
    }
    for (const [id, name] of candidates) {
      const closure = closureOf(id)
      if ([...closure].every((d) => start.has(d) || candidates.has(d) || style.test(d) || pinned.some((p) => p.members.test(d)))) owner.set(id, name)
    }
    return owner
  }
  // Below the start-up groups' priorities (1-4), and a set of more features before a set of fewer
  // (at equal priority the group listed first wins): what the screens and the signers share is taken
  // into its own chunk before one feature's group takes it in as a dependency (a group's
  // dependencies go to that group's chunk).
  // Listed before the features' groups, at their priority: the pinned modules are taken first.
  const pins = pinned.map(({ name, members }) => ({ debugName: `kept apart: ${name}`, priority: 0, name: (id: string) => (members.test(id) ? name : null) }))
  return [...pins, ...features.map((_, i) => ({
    debugName: `optional features, ${features.length - i} at a time`,
    priority: 0,
    name: (id: string, ctx: ChunkingContext) => { const name = of(ctx).get(id); return name && name.split('_').length === features.length - i ? name : null },
  }))]
}
