import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { http, createPublicClient, createWalletClient, parseEther } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Devnet } from '../../scripts/devnet/startDevnet.ts'
import { startTestDevnet } from '../helpers/devnet.ts'
import { flipHexByte } from '../helpers/faultProxy.ts'
import { runCliCaptured } from '../helpers/runCliCaptured.ts'
import { waitForAttestedBlock } from '../helpers/waitForAttestedBlock.ts'
import { writeTamperedBundle } from '../helpers/writeTamperedBundle.ts'

let devnet: Devnet
let dir: string
let infoFile: string
let n = 0
const flags = () => ['--devnet-info', infoFile, '--state-dir', join(dir, `state-${n++}`)]
const cli = (args: string[]) => runCliCaptured(args, { cwd: dir })
const account = () => mnemonicToAccount(devnet.mnemonic, { addressIndex: 1 })
/** verify-bundle may not touch the network at all: any fetch fails the test. */
const offline = (() => { throw new Error('verify-bundle used the network') }) as unknown as typeof fetch
const verify = (file: string, ...extra: string[]) => runCliCaptured(['verify-bundle', file, ...extra], { cwd: dir, fetch: offline })

let balanceFile: string
let balance: { wei: string; verifiedAgainst: { blockNumber: string; blockHash: string; stateRoot: string } }
let checkpoint: string
let txHash: `0x${string}`

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'latchkey-bundle-'))
  infoFile = join(dir, 'devnet.json')
  devnet = await startTestDevnet({ periods: 2, infoFile })
  checkpoint = JSON.parse(await readFile(infoFile, 'utf8')).checkpointRoot
  const wallet = createWalletClient({ account: account(), transport: http(devnet.rpcUrl) })
  txHash = await wallet.sendTransaction({ to: '0x000000000000000000000000000000000000bEEF', value: parseEther('0.25'), chain: null })
  const pub = createPublicClient({ transport: http(devnet.rpcUrl) })
  const receipt = await pub.waitForTransactionReceipt({ hash: txHash, pollingInterval: 200 })
  await waitForAttestedBlock({ beaconUrl: devnet.beaconUrl, blockNumber: receipt.blockNumber })
  balanceFile = join(dir, 'balance.json')
  const run = await cli(['balance', account().address, ...flags(), '--bundle', balanceFile, '--json'])
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  balance = JSON.parse(run.stdout)
})
afterAll(async () => {
  await devnet?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

/** A tampered copy of the balance bundle, written next to it. */
const tampered = (name: string, change: (bundle: any) => void) => writeTamperedBundle(balanceFile, name, change)

describe('latchkey --bundle and verify-bundle (CLI -> CLI, no network)', () => {
  it('balance --bundle writes a bundle that verify-bundle re-checks offline, printing the value and the block', async () => {
    const bundle = JSON.parse(await readFile(balanceFile, 'utf8'))
    expect(bundle).toMatchObject({ format: 'latchkey-proof-bundle', version: 1, network: { name: expect.stringMatching(/^devnet/), builtIn: false }, claim: { kind: 'balance', wei: balance.wei } })
    expect(bundle.consensus.checkpoint).toBe(checkpoint)
    expect(bundle.consensus.updates.length).toBeGreaterThan(0)
    const { code, stdout, stderr } = await verify(balanceFile, '--checkpoint', checkpoint, '--json')
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const out = JSON.parse(stdout)
    expect(out).toMatchObject({ verified: true, claim: { kind: 'balance', wei: balance.wei }, checkpoint: { root: checkpoint, source: 'user' } })
    expect(out.block).toMatchObject({ number: balance.verifiedAgainst.blockNumber, hash: balance.verifiedAgainst.blockHash, stateRoot: balance.verifiedAgainst.stateRoot })
    const text = await verify(balanceFile)
    expect(text.code).toBe(0)
    expect(text.stdout).toContain(`balance of ${account().address}: ${balance.wei} wei`)
    expect(text.stdout).toContain(`block ${balance.verifiedAgainst.blockNumber} ${balance.verifiedAgainst.blockHash}`)
    expect(text.stdout).toContain("the bundle's own checkpoint")
  })

  it('a receipt bundle from a resumed state (the finalized header restored, with no update kept) rests on the latest head instead', async () => {
    // The same state dir twice: the second run starts from the saved store, and a walk from its
    // restored finalized header could not be bundled (HeaderNotAvailableError).
    const state = ['--devnet-info', infoFile, '--state-dir', join(dir, 'state-resumed')]
    expect((await cli(['head', ...state])).code).toBe(0)
    const file = join(dir, 'receipt-resumed.json')
    const run = await cli(['receipt', txHash, ...state, '--bundle', file])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect((await verify(file, '--checkpoint', checkpoint)).code).toBe(0)
  })

  it('nonce, code and receipt bundles verify too', async () => {
    const nonceFile = join(dir, 'nonce.json')
    const codeFile = join(dir, 'code.json')
    const receiptFile = join(dir, 'receipt.json')
    expect((await cli(['nonce', account().address, ...flags(), '--bundle', nonceFile])).code).toBe(0)
    expect((await cli(['code', account().address, ...flags(), '--bundle', codeFile])).code).toBe(0)
    const receipt = await cli(['receipt', txHash, ...flags(), '--bundle', receiptFile])
    expect(receipt.stderr).toBe('')
    expect(receipt.code).toBe(0)
    expect(receipt.stdout).toContain('proof bundle written to')
    for (const file of [nonceFile, codeFile]) expect((await verify(file, '--checkpoint', checkpoint)).code).toBe(0)
    const r = await verify(receiptFile, '--checkpoint', checkpoint, '--json')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).claim).toMatchObject({ kind: 'receipt', transactionHash: txHash, status: '0x1', logs: 0 })
    expect(JSON.parse(r.stdout).claim.transactionIndex).toMatch(/^0x[0-9a-f]+$/)
    // The receipt's place in the block is part of the claim: another index is refused.
    const moved = JSON.parse(await readFile(receiptFile, 'utf8'))
    moved.claim.transactionIndex = `0x${(BigInt(moved.claim.transactionIndex) + 1n).toString(16)}`
    await writeFile(join(dir, 'receipt-moved.json'), JSON.stringify(moved))
    const refused = await verify(join(dir, 'receipt-moved.json'))
    expect(refused.code).toBe(3)
    expect(refused.stderr).toMatch(/^latchkey: BundleClaimMismatchError: .*transaction index/)
    // Each part of the nonce and receipt bundles: the value, a receipt the block's root commits to, the block's transactions.
    const parts: [string, string, (b: any) => void, string][] = [
      ['nonce-value', nonceFile, (b) => { b.claim.nonce = (BigInt(b.claim.nonce) + 1n).toString() }, 'BundleClaimMismatchError'],
      ['nonce-proof', nonceFile, (b) => { b.proofs.account.nonce = '0x99' }, 'AccountProofMismatchError'],
      ['receipt-value', receiptFile, (b) => { b.claim.status = '0x0' }, 'BundleClaimMismatchError'],
      ['receipt-in-block', receiptFile, (b) => { b.proofs.receipts[0].cumulativeGasUsed = '0x1' }, 'ReceiptsRootMismatchError'],
      ['receipt-block-header', receiptFile, (b) => { b.proofs.block.receiptsRoot = `0x${'55'.repeat(32)}` }, 'BlockHeaderHashMismatchError'],
    ]
    for (const [name, source, change, errorName] of parts) {
      const bundle = JSON.parse(await readFile(source, 'utf8'))
      change(bundle)
      await writeFile(join(dir, `${name}.json`), JSON.stringify(bundle))
      const out = await verify(join(dir, `${name}.json`))
      expect({ name, code: out.code, error: out.stderr.match(/^latchkey: (\w+):/)?.[1] }).toEqual({ name, code: 3, error: errorName })
    }
    // The receipt's block is below the head: linked by parent hashes.
    expect(JSON.parse(r.stdout).head.ancestors).toBeGreaterThan(0)
  })

  const cases: [string, (b: any) => void, string][] = [
    ['the value', (b) => { b.claim.wei = (BigInt(b.claim.wei) + 1n).toString() }, 'BundleClaimMismatchError'],
    ['a proof node', (b) => { b.proofs.account.accountProof[0] = flipHexByte(b.proofs.account.accountProof[0], 40) }, 'InvalidAccountProofError'],
    ['the balance in the proof', (b) => { b.proofs.account.balance = '0x1' }, 'AccountProofMismatchError'],
    ['the head header (its execution state root)', (b) => { b.consensus.head.data.attested_header.execution.state_root = `0x${'11'.repeat(32)}` }, 'InvalidMerkleBranchError'],
    ['a signature', (b) => { b.consensus.head.data.sync_aggregate.sync_committee_signature = flipHexByte(b.consensus.head.data.sync_aggregate.sync_committee_signature, 40) }, 'InvalidSyncSignatureError'],
    ['a hand-over signature', (b) => { b.consensus.updates[0].data.sync_aggregate.sync_committee_signature = flipHexByte(b.consensus.updates[0].data.sync_aggregate.sync_committee_signature, 40) }, 'InvalidSyncSignatureError'],
    ['the checkpoint', (b) => { b.consensus.checkpoint = `0x${'22'.repeat(32)}` }, 'TrustedRootMismatchError'],
    ['the block', (b) => { b.block.hash = `0x${'33'.repeat(32)}` }, 'BundleBlockNotLinkedError'],
    ['the version', (b) => { b.version = 99 }, 'BundleFormatError'],
  ]
  for (const [part, change, errorName] of cases) {
    it(`refuses a bundle with a tampered ${part}: exit 3, ${errorName}`, async () => {
      const { code, stderr, stdout } = await verify(await tampered(part.replace(/\W+/g, '-'), change), '--json')
      expect(code).toBe(3)
      expect(stderr).toMatch(new RegExp(`^latchkey: ${errorName}: `))
      expect(JSON.parse(stdout)).toMatchObject({ verified: false, exitCode: 3, error: { name: errorName } })
    })
  }

  it('refuses a genuine bundle against another trusted checkpoint: exit 3, BundleCheckpointMismatchError', async () => {
    const { code, stderr } = await verify(balanceFile, '--checkpoint', `0x${'44'.repeat(32)}`)
    expect(code).toBe(3)
    expect(stderr).toMatch(/^latchkey: BundleCheckpointMismatchError: /)
  })

  it('a missing file is a usage error (exit 2), not JSON is exit 3', async () => {
    expect((await verify(join(dir, 'nope.json'))).code).toBe(2)
    await writeFile(join(dir, 'garbage.json'), 'not json')
    const garbage = await verify(join(dir, 'garbage.json'))
    expect(garbage.code).toBe(3)
    expect(garbage.stderr).toMatch(/BundleFormatError/)
  })
})
