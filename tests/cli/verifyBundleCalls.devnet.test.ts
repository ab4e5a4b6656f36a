import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getAddress, pad, toFunctionSelector } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEVNET_ETH_USD } from '../../scripts/devnet/devnetContracts.ts'
import type { Devnet } from '../../scripts/devnet/startDevnet.ts'
import { aggregatorV3Abi } from '../../src/lib/prices/aggregatorV3Abi.ts'
import { startTestDevnet } from '../helpers/devnet.ts'
import { flipHexByte } from '../helpers/faultProxy.ts'
import { runCliCaptured } from '../helpers/runCliCaptured.ts'
import { waitForAttestedBlock } from '../helpers/waitForAttestedBlock.ts'
import { rpc } from '../lib/execution/startAnvil.ts'
import { writeTamperedBundle } from '../helpers/writeTamperedBundle.ts'

let devnet: Devnet
let dir: string
let infoFile: string
let checkpoint: string
let feed: `0x${string}`
let callsFile: string
let made: { calls: { data: string; result: string }[]; verifiedAgainst: { blockNumber: string; blockHash: string; stateRoot: string } }
const DECIMALS = toFunctionSelector(aggregatorV3Abi[0])
const LATEST_ROUND = toFunctionSelector(aggregatorV3Abi[1])
/** verify-bundle may not touch the network at all: any fetch fails the test. */
const offline = (() => { throw new Error('verify-bundle used the network') }) as unknown as typeof fetch
const verify = (file: string, ...extra: string[]) => runCliCaptured(['verify-bundle', file, ...extra], { cwd: dir, fetch: offline })

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'latchkey-bundle-calls-'))
  infoFile = join(dir, 'devnet.json')
  devnet = await startTestDevnet({ periods: 2, infoFile, priceFeed: true })
  checkpoint = JSON.parse(await readFile(infoFile, 'utf8')).checkpointRoot
  feed = devnet.contracts!.priceFeeds!.ethUsd.address
  // The light client's head follows the chain: wait until an update attests the feed's deployment.
  await waitForAttestedBlock({ beaconUrl: devnet.beaconUrl, blockNumber: BigInt(await rpc<string>(devnet.rpcUrl, 'eth_blockNumber')) })
  callsFile = join(dir, 'price.json')
  // The app's two reads of a price, as one CLI run: each --data is a call to the feed at the same block.
  const run = await runCliCaptured(['call', '--to', feed, '--data', DECIMALS, '--data', LATEST_ROUND, '--devnet-info', infoFile, '--state-dir', join(dir, 'state'), '--bundle', callsFile, '--json'], { cwd: dir })
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  made = JSON.parse(run.stdout)
}, 180_000)
afterAll(async () => {
  await devnet?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

const tampered = (name: string, change: (bundle: any) => void) => writeTamperedBundle(callsFile, name, change)
const feedProof = (b: any) => b.proofs.accounts.find((a: any) => a.address === feed.toLowerCase())

describe('latchkey call with several --data, and verify-bundle of the calls bundle (a USD price re-run offline)', () => {
  it('writes a version-3 calls bundle of decimals and latestRoundData; verify-bundle re-runs both offline and prints the price', async () => {
    expect(made.calls.map((c) => c.data)).toEqual([DECIMALS, LATEST_ROUND])
    const bundle = JSON.parse(await readFile(callsFile, 'utf8'))
    expect(bundle).toMatchObject({ version: 3, claim: { kind: 'calls', calls: [{ call: { to: feed, data: DECIMALS }, result: made.calls[0]!.result }, { call: { to: feed, data: LATEST_ROUND }, result: made.calls[1]!.result }] } })
    expect(bundle.proofs.header.hash).toBe(made.verifiedAgainst.blockHash)
    expect(feedProof(bundle).storageProof.length).toBeGreaterThan(0)
    const { code, stdout, stderr } = await verify(callsFile, '--checkpoint', checkpoint, '--json')
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const out = JSON.parse(stdout)
    expect(out).toMatchObject({ verified: true, claim: { kind: 'calls' }, checkpoint: { source: 'user' } })
    expect(out.block).toMatchObject({ number: made.verifiedAgainst.blockNumber, hash: made.verifiedAgainst.blockHash, stateRoot: made.verifiedAgainst.stateRoot })
    // Decoded from the proven return data as the app computes it: the devnet posts $3,000 at 8 decimals.
    expect(out.price).toMatchObject({ feed: getAddress(feed), answer: DEVNET_ETH_USD.toString(), decimals: 8, usd: '$3,000.00' })
    const text = await verify(callsFile, '--checkpoint', checkpoint)
    expect(text.code).toBe(0)
    expect(text.stdout).toContain(`USD price from the Chainlink feed ${getAddress(feed)}: $3,000.00 per unit (answer ${DEVNET_ETH_USD} at 8 decimals`)
    expect(text.stdout).toContain(`1. call to ${feed} with data ${DECIMALS}: returned ${made.calls[0]!.result}`)
    expect(text.stdout).toContain(`2. call to ${feed} with data ${LATEST_ROUND}: returned ${made.calls[1]!.result}`)
  })

  it('a calls bundle of one of the two calls verifies, and states no price (the price is never read from a part)', async () => {
    const { code, stdout } = await verify(await tampered('one-call', (b) => { b.claim.calls = [b.claim.calls[1]] }), '--checkpoint', checkpoint, '--json')
    expect(code).toBe(0)
    expect(JSON.parse(stdout).price).toBeUndefined()
  })

  const other = pad('0x99', { size: 32 })
  const cases: [string, (b: any) => void, string, RegExp?][] = [
    ['the first result (decimals)', (b) => { b.claim.calls[0].result = pad('0x12', { size: 32 }) }, 'BundleClaimMismatchError', /call 1 of 2 \(data 0x313ce567\) result/],
    ['the second result (the answer)', (b) => { b.claim.calls[1].result = b.claim.calls[1].result.replace(DEVNET_ETH_USD.toString(16), (DEVNET_ETH_USD * 2n).toString(16)) }, 'BundleClaimMismatchError', /call 2 of 2 \(data 0xfeaf968c\) result/],
    ['an extra call (description, whose slots the bundle does not hold)', (b) => { b.claim.calls.push({ call: { to: feed, data: '0x7284e416' }, result: '0x' }) }, 'BundleStateMissingError'],
    ['the calls (none)', (b) => { b.claim.calls = [] }, 'BundleFormatError'],
    ['a storage value', (b) => { const s = feedProof(b).storageProof.at(-1); s.value = '0x1' }, 'StorageValueMismatchError'],
    ['a storage proof node', (b) => { const s = feedProof(b).storageProof[0]; s.proof[0] = flipHexByte(s.proof[0], 30) }, 'InvalidStorageProofError'],
    ['an account proof node', (b) => { const a = feedProof(b); a.accountProof[0] = flipHexByte(a.accountProof[0], 40) }, 'InvalidAccountProofError'],
    ['the block (another number)', (b) => { b.block.number = String(BigInt(b.block.number) + 1n) }, 'BundleClaimMismatchError'],
    ['the block (another hash)', (b) => { b.block.hash = other }, 'BundleBlockNotLinkedError'],
    ['the block header (its state root)', (b) => { b.proofs.header.stateRoot = other }, 'BlockHeaderHashMismatchError'],
    ['a signature', (b) => { b.consensus.head.data.sync_aggregate.sync_committee_signature = flipHexByte(b.consensus.head.data.sync_aggregate.sync_committee_signature, 40) }, 'InvalidSyncSignatureError'],
    ['the version (2 has no calls claim)', (b) => { b.version = 2 }, 'BundleFormatError'],
  ]
  for (const [part, change, errorName, names] of cases) {
    it(`refuses a calls bundle with a tampered ${part}: exit 3, ${errorName}`, async () => {
      const { code, stderr, stdout } = await verify(await tampered(part.replace(/\W+/g, '-'), change), '--checkpoint', checkpoint, '--json')
      expect(stderr).toMatch(new RegExp(`^latchkey: ${errorName}: `))
      if (names) expect(stderr).toMatch(names)
      expect(code).toBe(3)
      expect(JSON.parse(stdout)).toMatchObject({ verified: false, exitCode: 3, error: { name: errorName } })
    })
  }
})
