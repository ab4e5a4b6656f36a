import { execFile } from 'node:child_process'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { http, createPublicClient, createWalletClient, parseEther } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Devnet } from '../../scripts/devnet/startDevnet.ts'
import { headLimitSeconds } from '../../src/lib/consensus/getFreshness.ts'
import { startTestDevnet } from '../helpers/devnet.ts'
import { type FaultProxy, flipHexByte, startFaultProxy, tamperJson } from '../helpers/faultProxy.ts'
import { runCliCaptured } from '../helpers/runCliCaptured.ts'
import { waitForAttestedBlock } from '../helpers/waitForAttestedBlock.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

let devnet: Devnet
/** The freshness limit on this devnet (4 slots, at least 12 s). */
const limit = () => headLimitSeconds({ secondsPerSlot: devnet.secondsPerSlot })
let a: FaultProxy
let b: FaultProxy
let dir: string
let infoFile: string
let stateCount = 0
let staleHeads: { finality: string; optimistic: string; slot: number }

async function cli(args: string[]) {
  const started = performance.now()
  const run = await runCliCaptured(args, { cwd: dir })
  return { ...run, ms: Math.round(performance.now() - started) }
}
/** A fresh state directory (a cold start), or an existing one to resume from. */
const freshState = () => join(dir, `state-${stateCount++}`)
const devnetFlags = (stateDir: string) => ['--devnet-info', infoFile, '--state-dir', stateDir]

async function anvil<T>(method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(devnet.rpcUrl, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  })
  return ((await response.json()) as { result: T }).result
}

const tamperUpdates = () => ({
  match: /light_client\/updates/,
  fault: { kind: 'tamper' as const, transform: tamperJson((updates) => {
    for (const u of updates) u.data.sync_aggregate.sync_committee_signature = flipHexByte(u.data.sync_aggregate.sync_committee_signature, 40)
  }) },
})

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'latchkey-cli-'))
  infoFile = join(dir, 'devnet.json')
  devnet = await startTestDevnet({ periods: 2, infoFile })
  a = await startFaultProxy({ target: devnet.beaconUrl })
  b = await startFaultProxy({ target: devnet.beaconUrl })
  // Today's heads, served again later by a beacon API that stopped following the chain.
  const get = (route: string) => fetch(`${devnet.beaconUrl}/eth/v1/beacon/light_client/${route}`).then((r) => r.text())
  const [finality, optimistic] = await Promise.all([get('finality_update'), get('optimistic_update')])
  staleHeads = { finality, optimistic, slot: Number(JSON.parse(optimistic).data.attested_header.beacon.slot) }
})
afterAll(async () => {
  await a?.close()
  await b?.close()
  await devnet?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('latchkey head on the devnet', () => {
  it('prints verified heads equal to anvil\'s blocks, then resumes from the saved state without a checkpoint', async () => {
    const state = freshState()
    const cold = await cli(['head', ...devnetFlags(state), '--json'])
    expect(cold.stderr).toBe('')
    expect(cold.code).toBe(0)
    const head = JSON.parse(cold.stdout)
    expect(head).toMatchObject({ verified: true, status: 'synced', chainId: devnet.chainId, checkpoint: { source: 'shipped' } })
    // Current by the freshness rule: at most 4 slots, and at least 12 s, behind the clock.
    expect(head.freshness).toEqual({ state: 'current', ageSeconds: expect.any(Number), limitSeconds: limit() })
    expect(head.freshness.ageSeconds).toBeLessThanOrEqual(limit())
    expect(head.finalized.slot).toBeGreaterThan(devnet.checkpointSlot)
    for (const h of [head.finalized, head.optimistic]) {
      const block = await anvil<{ hash: string; stateRoot: string; timestamp: string; baseFeePerGas: string }>('eth_getBlockByNumber', [`0x${BigInt(h.execution.blockNumber).toString(16)}`, false])
      expect(h.execution).toMatchObject({ blockHash: block.hash, stateRoot: block.stateRoot, timestamp: Number(block.timestamp), baseFeePerGas: BigInt(block.baseFeePerGas).toString() })
    }
    expect(head.participation).toEqual({ participants: 512, size: 512 })
    expect(head.endpoints).toEqual([expect.objectContaining({ url: devnet.beaconUrl, ok: true, faulty: false })])
    expect(await readdir(state)).toHaveLength(1)

    const resumed = await cli(['head', ...devnetFlags(state), '--beacon', a.url, '--json'])
    expect(resumed.code).toBe(0)
    const again = JSON.parse(resumed.stdout)
    expect(again.checkpoint.source).toBe('saved')
    expect(again.optimistic.slot).toBeGreaterThanOrEqual(head.optimistic.slot)
    expect(a.log.some((r) => r.path.includes('/bootstrap/'))).toBe(false)
    console.info(`latchkey head in-process: cold ${cold.ms} ms, resumed ${resumed.ms} ms`)
  })

  it('prints text with both heads and the endpoint health', async () => {
    const { code, stdout } = await cli(['head', ...devnetFlags(freshState()), '--checkpoint', devnet.checkpointRoot])
    expect(code).toBe(0)
    expect(stdout).toMatch(/^network {5}devnet-\d+ \(chain id 1337\), status synced/)
    expect(stdout).toMatch(new RegExp(`checkpoint  ${devnet.checkpointRoot} \\(user\\)`))
    expect(stdout).toMatch(/finalized {3}slot \d+ \(period \d+\)/)
    expect(stdout).toMatch(/optimistic {2}slot \d+/)
    expect(stdout).toMatch(new RegExp(`freshness {3}current: the head is \\d+ s old \\(limit ${limit()} s\\)`))
    expect(stdout).toMatch(/timestamp \d+ \(\d{4}-[^,]+, \d+ s ago\)/)
    expect(stdout).toMatch(/participation 512\/512/)
    expect(stdout).toContain(`${devnet.beaconUrl}  ok`)
  })

  it('takes a devnet\'s config and genesis from --beacon when there is no devnet file, and resumes there too', async () => {
    const state = freshState()
    const first = await cli(['head', '--network', 'devnet', '--beacon', devnet.beaconUrl, '--checkpoint', devnet.checkpointRoot, '--state-dir', state, '--json'])
    expect(first.code).toBe(0)
    expect(JSON.parse(first.stdout)).toMatchObject({ network: `devnet-${devnet.genesisTime}`, chainId: devnet.chainId, checkpoint: { source: 'user' } })
    const second = await cli(['head', '--network', 'devnet', '--beacon', devnet.beaconUrl, '--state-dir', state, '--json'])
    expect(second.code).toBe(0)
    expect(JSON.parse(second.stdout).checkpoint.source).toBe('saved')
  })

  it('syncs from the honest beacon API when the other serves a tampered update, and shows it faulty', async () => {
    a.setRules([tamperUpdates()])
    try {
      const { code, stdout, stderr } = await cli(['head', ...devnetFlags(freshState()), '--checkpoint', devnet.checkpointRoot, '--beacon', a.url, '--beacon', b.url, '--json'])
      expect(code).toBe(0)
      // Exit 0 (the heads are verified), and one warning line for the liar.
      expect(stderr).toMatch(new RegExp(`^latchkey: warning: beacon API ${a.url} served data that failed verification and was skipped: InvalidSyncSignatureError: The sync committee signature .*\n$`))
      const head = JSON.parse(stdout)
      expect(head.warnings).toEqual([{ url: a.url, source: 'beacon API', error: { name: 'InvalidSyncSignatureError', message: expect.stringContaining('does not verify') } }])
      expect(head.status).toBe('synced')
      expect(head.endpoints[0]).toMatchObject({ url: a.url, faulty: true, faultsProven: 1, lastError: { name: 'InvalidSyncSignatureError' } })
      expect(head.endpoints[1]).toMatchObject({ url: b.url, faulty: false })
    } finally {
      a.clear()
    }
  })

  it('exits 3 when every beacon API lies', async () => {
    a.setRules([tamperUpdates()])
    b.setRules([tamperUpdates()])
    try {
      const { code, stdout, stderr } = await cli(['head', ...devnetFlags(freshState()), '--checkpoint', devnet.checkpointRoot, '--beacon', a.url, '--beacon', b.url, '--json'])
      expect(code).toBe(3)
      expect(JSON.parse(stdout)).toMatchObject({ verified: false, exitCode: 3, error: { name: 'AllEndpointsFailedError' } })
      expect(stderr).toMatch(/^latchkey: AllEndpointsFailedError: No beacon API could serve \/eth\/v1\/beacon\/light_client\/updates/)
      expect(stderr).toContain('sync committee signature')
    } finally {
      a.clear()
      b.clear()
    }
  })

  it('exits 3 when the bootstrap does not match the checkpoint, 4 when no beacon API answers', async () => {
    const wrongRoot = flipHexByte(devnet.checkpointRoot)
    const mismatch = await cli(['head', ...devnetFlags(freshState()), '--checkpoint', wrongRoot])
    // The honest devnet has no block with that root: a 404 is not a lie, so this is an endpoint failure.
    expect(mismatch.code).toBe(4)
    a.setRules([{ match: /bootstrap/, fault: { kind: 'tamper', transform: tamperJson((j) => { j.data.header.beacon.proposer_index = '7' }) } }])
    try {
      const lied = await cli(['head', ...devnetFlags(freshState()), '--checkpoint', devnet.checkpointRoot, '--beacon', a.url])
      expect(lied.code).toBe(3)
      expect(lied.stderr).toContain('TrustedRootMismatchError')
    } finally {
      a.clear()
    }
    a.kill()
    try {
      const down = await cli(['head', ...devnetFlags(freshState()), '--beacon', a.url, '--timeout', '2000'])
      expect(down.code).toBe(4)
      expect(down.stderr).toMatch(/^latchkey: AllEndpointsFailedError: No beacon API could serve/)
      expect(down.stderr).toMatch(/: NetworkError: The beacon API at http:\/\/\S+ could not be reached\./)
    } finally {
      a.revive()
    }
  })
})

describe('latchkey balance / nonce / code / call / receipt on the devnet', () => {
  const account = () => mnemonicToAccount(devnet.mnemonic, { addressIndex: 1 })
  const to = '0x000000000000000000000000000000000000bEEF'
  let txHash: `0x${string}`

  beforeAll(async () => {
    const wallet = createWalletClient({ account: account(), transport: http(devnet.rpcUrl) })
    txHash = await wallet.sendTransaction({ to, value: parseEther('0.25'), chain: null })
    const pub = createPublicClient({ transport: http(devnet.rpcUrl) })
    const receipt = await pub.waitForTransactionReceipt({ hash: txHash, pollingInterval: 200 })
    // The light client vouches for a block once a later slot's update attests it.
    await waitForAttestedBlock({ beaconUrl: devnet.beaconUrl, blockNumber: receipt.blockNumber })
  })

  it('balance of a dev account equals anvil\'s at the verified block', async () => {
    const { code, stdout } = await cli(['balance', account().address, ...devnetFlags(freshState()), '--json'])
    expect(code).toBe(0)
    const out = JSON.parse(stdout)
    const block = `0x${BigInt(out.verifiedAgainst.blockNumber).toString(16)}`
    expect(out.wei).toBe(BigInt(await anvil<string>('eth_getBalance', [account().address, block])).toString())
    expect(out.verifiedAgainst.blockHash).toBe((await anvil<{ hash: string }>('eth_getBlockByNumber', [block, false])).hash)
    expect(out.verifiedAgainst.slot).toEqual(expect.any(Number))
    // The age counts from the verified header's own timestamp (anvil's block), and that head was current.
    const header = await anvil<{ hash: string; timestamp: string }>('eth_getBlockByNumber', [block, false])
    expect(out.verifiedAgainst.timestamp).toBe(Number(header.timestamp))
    expect(out.verifiedAgainst.ageSeconds).toBeGreaterThanOrEqual(0)
    expect(out.verifiedAgainst.ageSeconds).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) - Number(header.timestamp))
    const beef = await cli(['balance', to, ...devnetFlags(freshState())])
    expect(beef.code).toBe(0)
    expect(beef.stdout).toMatch(/^0\.25 ETH \(250000000000000000 wei\)\nverified against block \d+ 0x[0-9a-f]{64} \(latest head\), slot \d+, \d+ s ago\n$/)
  })

  it('nonce, code and call are verified', async () => {
    const state = freshState()
    const nonce = await cli(['nonce', account().address, ...devnetFlags(state), '--block', 'finalized', '--json'])
    expect(nonce.code).toBe(0)
    const n = JSON.parse(nonce.stdout)
    expect(n.verifiedAgainst.block).toBe('finalized')
    expect(n.nonce).toBe(String(BigInt(await anvil<string>('eth_getTransactionCount', [account().address, `0x${BigInt(n.verifiedAgainst.blockNumber).toString(16)}`]))))
    const latestNonce = JSON.parse((await cli(['nonce', account().address, ...devnetFlags(state), '--json'])).stdout)
    expect(latestNonce.nonce).toBe('1')
    const code = await cli(['code', to, ...devnetFlags(state), '--json'])
    expect(JSON.parse(code.stdout)).toMatchObject({ code: '0x', size: 0 })
    const call = await cli(['call', '--to', to, '--data', '0x12345678', ...devnetFlags(state)])
    expect(call.code).toBe(0)
    expect(call.stdout).toMatch(/^0x\nverified against block \d+/)
  })

  it('a real transaction\'s receipt is verified against the receipts root', async () => {
    const { code, stdout, stderr } = await cli(['receipt', txHash, ...devnetFlags(freshState()), '--json'])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const out = JSON.parse(stdout)
    const real = await anvil<{ blockHash: string; blockNumber: string; status: string }>('eth_getTransactionReceipt', [txHash])
    expect(out.receipt).toMatchObject({ transactionHash: txHash, status: '0x1', blockHash: real.blockHash, from: account().address.toLowerCase(), to: to.toLowerCase() })
    expect(out.verifiedAgainst).toMatchObject({ blockHash: real.blockHash, blockNumber: String(BigInt(real.blockNumber)) })
    const liar = await startFaultProxy({ target: devnet.rpcUrl })
    liar.setRules([{ match: ({ requestBody }) => requestBody.includes('eth_getBlockReceipts'), fault: { kind: 'tamper', transform: tamperJson((j) => {
      for (const answer of Array.isArray(j) ? j : [j]) if (Array.isArray(answer.result)) for (const r of answer.result) r.status = '0x0'
    }) } }])
    try {
      const failedOver = await cli(['receipt', txHash, ...devnetFlags(freshState()), '--rpc', liar.url, '--rpc', devnet.rpcUrl, '--json'])
      expect(failedOver.code).toBe(0)
      expect(JSON.parse(failedOver.stdout).receipt.status).toBe('0x1')
      const lied = await cli(['receipt', txHash, ...devnetFlags(freshState()), '--rpc', liar.url])
      expect(lied.code).toBe(3)
      expect(lied.stderr).toContain('ReceiptsRootMismatchError')
    } finally {
      await liar.close()
    }
    const text = await cli(['receipt', txHash, ...devnetFlags(freshState())])
    expect(text.stdout).toContain(`transaction ${txHash}: success`)
    // Older blocks are reached through verified parent hashes: before and at the transfer.
    const state = freshState()
    const at = (n: bigint) => cli(['balance', to, ...devnetFlags(state), '--block', String(n), '--json']).then((r) => JSON.parse(r.stdout))
    const before = await at(BigInt(real.blockNumber) - 1n)
    const after = await at(BigInt(real.blockNumber))
    expect(before).toMatchObject({ wei: '0', verifiedAgainst: { block: 'number', blockNumber: String(BigInt(real.blockNumber) - 1n) } })
    expect(after).toMatchObject({ wei: '250000000000000000', verifiedAgainst: { blockHash: real.blockHash } })
    const unknown = await cli(['receipt', `0x${'ab'.repeat(32)}`, ...devnetFlags(state)])
    expect(unknown.code).toBe(4)
    expect(unknown.stderr).toMatch(/^latchkey: ReceiptNotFoundError: No RPC returned a receipt for transaction 0x(ab){32}/)
  })

  it('code of a deployed contract is verified; a call that reverts exits 1 with the verified revert', async () => {
    // Runtime code PUSH1 0 PUSH1 0 REVERT, deployed by init code that returns it.
    const runtime = '0x60006000fd'
    const wallet = createWalletClient({ account: mnemonicToAccount(devnet.mnemonic, { addressIndex: 2 }), transport: http(devnet.rpcUrl) })
    const pub = createPublicClient({ transport: http(devnet.rpcUrl) })
    const hash = await wallet.sendTransaction({ data: '0x6460006000fd6000526005601bf3', chain: null })
    const { contractAddress, blockNumber } = await pub.waitForTransactionReceipt({ hash, pollingInterval: 200 })
    await waitForAttestedBlock({ beaconUrl: devnet.beaconUrl, blockNumber })
    const state = freshState()
    const code = await cli(['code', contractAddress!, ...devnetFlags(state), '--json'])
    expect(code.code).toBe(0)
    expect(JSON.parse(code.stdout)).toMatchObject({ code: runtime, size: 5 })
    const reverted = await cli(['call', '--to', contractAddress!, '--data', '0x01', ...devnetFlags(state), '--json'])
    expect(reverted.code).toBe(1)
    expect(JSON.parse(reverted.stdout)).toMatchObject({ kind: 'call', result: '0x', reverted: { reason: expect.any(String) } })
  })

  it('a malformed address is a usage error (exit 2) with a clear message', async () => {
    const bad = await cli(['balance', '0x1234', ...devnetFlags(freshState())])
    expect(bad).toMatchObject({ code: 2, stdout: '' })
    expect(bad.stderr).toBe('latchkey: UsageError: ADDRESS "0x1234" is not an address.\n')
    const checksum = await cli(['balance', '0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266', ...devnetFlags(freshState())])
    expect(checksum.code).toBe(2)
    expect(checksum.stderr).toContain('bad EIP-55 checksum')
    expect((await cli(['frobnicate'])).code).toBe(2)
    expect((await cli(['head', '--beacon', 'not a url'])).code).toBe(2)
  })

  it('fails over from an RPC lying about a balance (and shows why), exits 3 when every RPC lies, 4 when none answers', async () => {
    const liar1 = await startFaultProxy({ target: devnet.rpcUrl })
    const liar2 = await startFaultProxy({ target: devnet.rpcUrl })
    const lie = { match: ({ requestBody }: { requestBody: Buffer }) => requestBody.includes('eth_getProof'), fault: { kind: 'tamper' as const, transform: tamperJson((j) => {
      for (const answer of Array.isArray(j) ? j : [j]) if (answer.result?.balance) answer.result.balance = '0xde0b6b3a7640000'
    }) } }
    liar1.setRules([lie])
    liar2.setRules([lie])
    try {
      const state = freshState()
      const honest = await cli(['balance', account().address, ...devnetFlags(state), '--rpc', liar1.url, '--rpc', devnet.rpcUrl, '--json'])
      expect(honest.code).toBe(0)
      expect(honest.stderr).toMatch(new RegExp(`^latchkey: warning: RPC ${liar1.url} served data that failed verification and was skipped: AccountProofMismatchError: The provider's balance for 0x[0-9a-fA-F]{40} does not match the proof\\.\n$`))
      const out = JSON.parse(honest.stdout)
      expect(out.warnings).toEqual([{ url: liar1.url, source: 'RPC', error: { name: 'AccountProofMismatchError', message: expect.stringContaining('does not match the proof') } }])
      expect(out.wei).toBe(BigInt(await anvil<string>('eth_getBalance', [account().address, `0x${BigInt(out.verifiedAgainst.blockNumber).toString(16)}`])).toString())
      expect(out.wei).not.toBe('1000000000000000000')

      const lied = await cli(['balance', account().address, ...devnetFlags(state), '--rpc', liar1.url, '--rpc', liar2.url])
      expect(lied.code).toBe(3)
      // Each liar named, with what it got wrong.
      expect(lied.stderr).toMatch(new RegExp(`^latchkey: AllProvidersFailedError: No honest RPC provider is left for eth_getProof: every one served data that failed verification\\.\n {2}${liar1.url}: AccountProofMismatchError: The provider's balance for 0x[0-9a-fA-F]{40} does not match the proof\\.\n {2}${liar2.url}: AccountProofMismatchError: `))
      // In text too: one warning per liar when an honest RPC answered.
      const text = await cli(['balance', account().address, ...devnetFlags(state), '--rpc', liar2.url, '--rpc', devnet.rpcUrl])
      expect(text.code).toBe(0)
      expect(text.stderr.split('\n').filter(Boolean)).toEqual([expect.stringMatching(new RegExp(`^latchkey: warning: RPC ${liar2.url} served`))])

      liar1.kill()
      const down = await cli(['nonce', account().address, ...devnetFlags(state), '--rpc', liar1.url, '--timeout', '2000'])
      expect(down.code).toBe(4)
      expect(down.stderr).toContain('could not be reached')
    } finally {
      await liar1.close()
      await liar2.close()
    }
  })

  it('refuses a checkpoint older than the weak-subjectivity period (exit 3, with the way forward)', async () => {
    // The same chain, with a genesis placed 15 days earlier: the checkpoint's slot is then 15 days old.
    const info = JSON.parse(await readFile(infoFile, 'utf8'))
    const oldInfo = join(dir, 'devnet-old.json')
    await writeFile(oldInfo, JSON.stringify({ ...info, genesisTime: info.genesisTime - 15 * 86400 }))
    const { code, stderr } = await cli(['head', '--devnet-info', oldInfo, '--state-dir', freshState(), '--checkpoint', devnet.checkpointRoot])
    expect(code).toBe(3)
    expect(stderr).toMatch(/^latchkey: CheckpointTooOldError: The checkpoint at slot \d+ is 15 days old, older than the weak-subjectivity period \(14 days\)\.\n/)
    expect(stderr).toContain('Paste a recent finalized block root')
  })

  it('bin/latchkey.mjs runs as a real process', async () => {
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(process.execPath, [join(ROOT, 'bin/latchkey.mjs'), 'balance', account().address, ...devnetFlags(freshState()), '--json'], { cwd: dir }, (error, out) =>
        resolve({ code: error ? Number(error.code) : 0, stdout: out }))
    })
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({ kind: 'balance', address: account().address, verifiedAgainst: { block: 'latest' } })
  })
})

// Last, so that the heads recorded at the start are already old: no waiting.
describe('latchkey head with a beacon API that stopped following the chain', () => {
  it('exits 4 (HeadNotCurrentError with block, age and limit) once a frozen head is past the limit', async () => {
    const clockSlot = () => Math.floor((Date.now() / 1000 - devnet.genesisTime) / devnet.secondsPerSlot)
    const state = freshState()
    const first = await cli(['head', ...devnetFlags(state), '--checkpoint', devnet.checkpointRoot, '--beacon', a.url, '--json'])
    expect(first.code).toBe(0)
    // From now on the only beacon API keeps serving the heads of this moment: the verified head stops.
    const get = (route: string) => fetch(`${devnet.beaconUrl}/eth/v1/beacon/light_client/${route}`).then((r) => r.text())
    const [finality, optimistic] = await Promise.all([get('finality_update'), get('optimistic_update')])
    const frozen = JSON.parse(optimistic).data.attested_header
    a.setRules([
      { match: /finality_update/, fault: { kind: 'respond', status: 200, body: finality } },
      { match: /optimistic_update/, fault: { kind: 'respond', status: 200, body: optimistic } },
    ])
    try {
      // Past the limit (12 s on this 1 s devnet; the light client may also call itself stalled by then).
      while (Date.now() / 1000 - Number(frozen.execution.timestamp) <= limit() + 0.5) await new Promise((r) => setTimeout(r, 100))
      const { code, stdout, stderr } = await cli(['balance', devnet.accounts[1], ...devnetFlags(state), '--beacon', a.url, '--json'])
      const endSlot = clockSlot()
      expect(code).toBe(4)
      const out = JSON.parse(stdout)
      expect(out).toMatchObject({ verified: false, exitCode: 4, error: { name: 'HeadNotCurrentError', head: {
        blockNumber: String(frozen.execution.block_number), slot: Number(frozen.beacon.slot), timestamp: Number(frozen.execution.timestamp), limitSeconds: limit(),
      } } })
      expect(out.error.head.ageSeconds).toBeGreaterThanOrEqual(limit())
      const stalled = endSlot - Number(frozen.beacon.slot) > 8 ? '( \\(the light client is stalled\\))?' : ''
      expect(stderr).toMatch(new RegExp(`^latchkey: HeadNotCurrentError: The newest verified head, block ${frozen.execution.block_number} \\(slot ${frozen.beacon.slot}\\), is \\d+\\.\\d s old${stalled}, past the limit of ${limit()} s\\.\n`))
      expect(stderr).toContain('Nonce, balance and fees from it would be stale')
    } finally {
      a.clear()
    }
  })

  it('exits 4 when the only beacon API serves heads far behind the clock', async () => {
    const clockSlot = () => Math.floor((Date.now() / 1000 - devnet.genesisTime) / devnet.secondsPerSlot)
    while (clockSlot() - staleHeads.slot <= 10) await new Promise((r) => setTimeout(r, 250))
    a.setRules([
      { match: /finality_update/, fault: { kind: 'respond', status: 200, body: staleHeads.finality } },
      { match: /optimistic_update/, fault: { kind: 'respond', status: 200, body: staleHeads.optimistic } },
    ])
    try {
      const { code, stderr } = await cli(['head', ...devnetFlags(freshState()), '--checkpoint', devnet.checkpointRoot, '--beacon', a.url])
      expect(stderr).toMatch(new RegExp(`^latchkey: HeadNotCurrentError: The newest verified head, block \\d+ \\(slot ${staleHeads.slot}\\), is (\\d+\\.\\d s|\\d+ min) old( \\(the light client is stalled\\))?, past the limit of ${limit()} s\\.\n  Nonce, balance and fees from it would be stale`))
      expect(code).toBe(4)
    } finally {
      a.clear()
    }
  })
})
