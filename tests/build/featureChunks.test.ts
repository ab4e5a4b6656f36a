// Each optional feature's own code is one chunk (scripts/build/featureChunks.ts), and no start
// and no other feature loads it: the first paint, the engine, the light-client worker and the
// screen a cold start preloads (the import form) import none of these chunks,
// and the screens opened from Home and the menu (Send, Contract, Approvals, Receive, Activity, ...)
// share one chunk, which loads neither the signers' chunk nor the import form's;
// the QR encoder that Receive and the signers share is a chunk of its own. ENS's readers are one
// chunk, and the Activity screen's history with the approvals scan another: neither imports the
// screens' chunk nor the screens theirs, and the price client loads no ENS code.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { findFirstPaintFiles, findStaticClosure } from '../../scripts/bench/findFirstPaintFiles.ts'
import { buildAppOnce } from '../e2e/serveApp.ts'

it('puts each optional feature\'s own code in one chunk that only that feature loads', async () => {
  const dir = await buildAppOnce()
  const readText = (path: string) => readFileSync(join(dir, path), 'utf8')
  const assets = readdirSync(join(dir, 'assets')).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`)
  const chunk = (name: string) => {
    const found = assets.filter((f) => new RegExp(`^assets/${name}-[\\w-]{8}\\.js$`).test(f))
    expect(found, name).toHaveLength(1)
    return found[0]!
  }
  const featureChunk = /^assets\/(hardwareSigners|sendScreen|contractScreens|screens|ens|history)(_\w+)?-[\w-]{8}\.js$/
  const featuresIn = (entry: string) => findStaticClosure({ entries: [entry], readText }).filter((f) => featureChunk.test(f)).sort()

  const signers = chunk('hardwareSigners')
  const signersCode = readText(signers)
  expect(signersCode).toContain('an address answer that is truncated') // the Ledger Ethereum-app client (createLedgerEth.ts)
  expect(signersCode).toContain('no Ledger was chosen') // the WebHID transport (openLedgerHidTransport.ts)
  expect(signersCode).toContain('eth-sign-request') // the UR registry (ERC-4527)
  expect(signersCode).not.toContain('cannot find finder') // the QR decoder keeps its own chunk, loaded with the camera

  const html = readText('index.html')
  const firstPaint = findFirstPaintFiles({ html, readText })
  // (a link's review is part of the first paint)
  const starts = [...firstPaint, chunk('createChainEngine'), chunk('lightClient\\.worker'), chunk('ImportWallet')]
  expect(starts.flatMap(featuresIn)).toEqual([])

  const screens = chunk('screens')
  const screensCode = readText(screens)
  // Send's flow, Contract's and Approvals' and the menu's screens: one chunk, none of its own beside it.
  // With what only they load on demand: the contract readers and the transaction preview.
  for (const name of ['sendScreen', 'contractScreens', 'contractScreens_sendScreen', 'Send', 'Contract', 'Approvals', 'Receive', 'Activity', 'NetworkTrust', 'About', 'parseContractAbi', 'knownAbis', 'decodeCalldata', 'getTransactionPreview', 'toPreviewCall', 'toPreviewOutcome', 'verifyProofBundleWith', 'parseAmount', 'encodeFunctionCall', 'buildRescueCall', 'prepareTransfer', 'prepareContractCall', 'priceTransaction']) expect(assets.filter((f) => new RegExp(`^assets/${name}-[\\w-]{8}\\.js$`).test(f)), name).toEqual([])
  expect(screensCode).toContain('This account is watch-only: it cannot sign.') // the send flow (sendFlow.svelte.ts)
  expect(screensCode).toContain('The ABI could not be read') // the contract readers (src/lib/contract/errors.ts)
  expect(featuresIn(screens)).toEqual([screens])
  expect(screensCode).not.toContain(chunk('ImportWallet').slice('assets/'.length))
  expect(featuresIn(signers)).toEqual([signers])
  // What the screens share with the unlock path stays apart (featureChunks' pinned helpers): unlocking loads no feature chunk.
  expect(featuresIn(chunk('walletOps'))).toEqual([])
  expect(findStaticClosure({ entries: [chunk('walletOps')], readText })).toContain(chunk('computeFees'))
  // The QR encoder (Receive's code and the signers' animated requests) is a chunk of its own, which
  // both load, not part of either feature's chunk.
  const encoder = chunk('qrCodeImage').slice('assets/'.length)
  expect(screensCode).toContain(encoder)
  expect(signersCode).toContain(encoder)
  // The camera's decoder uses the encoder's module (its format tables): it imports that chunk, and
  // the library has no chunk of its own beside qrCodeImage's (scripts/build/qrCodecChunk.ts).
  expect(readText(chunk('decodeQrFrame'))).toContain(encoder)
  expect(assets.filter((f) => /^assets\/esm-/.test(f))).toEqual([])

  const ens = chunk('ens')
  const ensCode = readText(ens)
  expect(ensCode).toContain('latchkey.commit') // the release record (getReleaseRecord.ts)
  expect(ensCode).toContain('disallowed character') // @adraffy/ens-normalize, which all three readers load
  for (const name of ['lookupEnsName', 'resolveEnsName', 'getReleaseRecord', 'isNullUniversalResolverError', 'createRecordingTransport']) expect(assets.filter((f) => new RegExp(`^assets/${name}-[\\w-]{8}\\.js$`).test(f)), name).toEqual([])
  expect(featuresIn(ens)).toEqual([ens])
  expect(featuresIn(chunk('createPriceClient'))).toEqual([])

  const history = chunk('history')
  expect(readText(history)).toContain('Cannot prove history from block') // src/lib/history/errors.ts
  for (const name of ['updateHistory', 'getVerifiedHeaders', 'getVerifiedApprovals', 'describeHistoryToken', 'createIndexedDbHistoryStore', 'historyStore']) expect(assets.filter((f) => new RegExp(`^assets/${name}-[\\w-]{8}\\.js$`).test(f)), name).toEqual([])
  expect(featuresIn(history)).toEqual([history])
}, 300_000)
