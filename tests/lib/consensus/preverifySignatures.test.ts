import { bls12_381 } from '@noble/curves/bls12-381.js'
import { bytesToHex } from 'viem'
import { describe, expect, it } from 'vitest'
import type { BlsBackend } from '../../../src/lib/consensus/bls/BlsBackend.ts'
import { chainsafeBls } from '../../../src/lib/consensus/bls/chainsafeBls.ts'
import { createNobleBls, nobleBls } from '../../../src/lib/consensus/bls/nobleBls.ts'
import { createFixedClock } from '../../../src/lib/consensus/clock.ts'
import { LightClient } from '../../../src/lib/consensus/LightClient.ts'
import { memoryTransport } from '../../../src/lib/consensus/memoryTransport.ts'
import { getNetwork } from '../../../src/lib/consensus/networks.ts'
import type { RecordedChain } from './fakeBeaconApi.ts'
import { HELIOS_CHECKPOINT, flipBit, heliosChain, msAtSlot } from './heliosChain.ts'

const DST = 'BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_'
const sigs = bls12_381.longSignatures

/** Three keys, each signing its own message (bytes, as they arrive in an update). */
function signedChecks(bls: BlsBackend) {
  return [1, 2, 3].map((i) => {
    const secret = bls12_381.utils.randomSecretKey(new Uint8Array(48).fill(i))
    const message = new Uint8Array(32).fill(i)
    return {
      key: bls.publicKey(sigs.getPublicKey(secret).toBytes(true)),
      message,
      signature: sigs.sign(sigs.hash(message, DST), secret).toBytes(true),
    }
  })
}

describe.each([['noble', nobleBls], ['blst (native)', chainsafeBls]] as const)('verifyMultiple with %s', (_, bls) => {
  it('holds for honest checks, and each of them holds alone', () => {
    const checks = signedChecks(bls)
    expect(bls.verifyMultiple(checks)).toBe(true)
    for (const { key, message, signature } of checks) expect(bls.verify(key, message, signature)).toBe(true)
  })

  it.each([0, 2])('fails when the check at %i carries another message\'s signature', (forged) => {
    const checks = signedChecks(bls)
    checks[forged] = { ...checks[forged]!, signature: checks[1 - Math.sign(forged)]!.signature }
    expect(bls.verifyMultiple(checks)).toBe(false)
  })

  it('fails for two forgeries that would cancel out without the random weights (signatures swapped)', () => {
    const checks = signedChecks(bls)
    ;[checks[0]!.signature, checks[1]!.signature] = [checks[1]!.signature, checks[0]!.signature]
    // Unweighted, the sum of the signatures is unchanged; the sum of e(pk_i, H(m_i)) is not.
    expect(bls.verifyMultiple(checks)).toBe(false)
  })

  it('fails (does not throw) for a signature that does not decode', () => {
    const checks = signedChecks(bls)
    checks[1] = { ...checks[1]!, signature: new Uint8Array(96).fill(0xff) }
    expect(bls.verifyMultiple(checks)).toBe(false)
  })
})

describe('noble\'s prepared messages and signatures (BlsBackend.prepare) decide nothing', () => {
  it('gives the verdicts of unprepared checks, honest and forged', () => {
    const bls = createNobleBls()
    const checks = signedChecks(bls)
    const swapped = [{ ...checks[0]!, signature: checks[1]!.signature }, { ...checks[1]!, signature: checks[0]!.signature }, checks[2]!]
    const prepare = (list: typeof checks) => { for (const { message, signature } of list) bls.prepare!(message, signature) }
    prepare(checks)
    expect(bls.verifyMultiple(checks)).toBe(true)
    prepare(swapped)
    expect(bls.verifyMultiple(swapped)).toBe(false)
    prepare(swapped)
    expect(bls.verify(swapped[0]!.key, swapped[0]!.message, swapped[0]!.signature)).toBe(false)
    prepare(checks)
    for (const { key, message, signature } of checks) expect(bls.verify(key, message, signature)).toBe(true)
  })

  it('takes a signature that does not decode without a throw, and the check still refuses it', () => {
    const bls = createNobleBls()
    const [check] = signedChecks(bls)
    const garbage = new Uint8Array(96).fill(0xff)
    expect(() => bls.prepare!(check!.message, garbage)).not.toThrow()
    expect(() => bls.verify(check!.key, check!.message, garbage)).toThrow()
    bls.prepare!(check!.message, garbage)
    expect(bls.verifyMultiple([check!, { ...check!, signature: garbage }])).toBe(false)
  })
})

/** chainsafe's blst, counting the pairings asked for; `batching: false` refuses every batch (so each signature is checked alone). */
function countingBls({ batching = true } = {}) {
  const counts = { verify: 0, batches: [] as number[] }
  const bls: BlsBackend = {
    ...chainsafeBls,
    verify(key, message, signature) {
      counts.verify++
      return chainsafeBls.verify(key, message, signature)
    },
    verifyMultiple(checks) {
      counts.batches.push(checks.length)
      return batching && chainsafeBls.verifyMultiple(checks)
    },
  }
  return { bls, counts }
}

async function sync(chain: RecordedChain, bls: BlsBackend) {
  const lc = new LightClient({ network: getNetwork({ name: 'mainnet' }), transport: memoryTransport({ data: chain }), checkpoint: HELIOS_CHECKPOINT, clock: createFixedClock({ nowMs: msAtSlot(7109433) }), bls })
  await lc.init()
  await lc.syncOnce()
  const { status, finalized, optimistic, endpoints } = lc.state
  // The evidence kept against the endpoint: the error itself, with the update it is about.
  const fault = lc.pool.provenFaults()[0]
  const error = fault?.error as { name: string; signatureSlot?: number } | undefined
  return { status, finalized: finalized?.slot, optimistic: optimistic?.slot, faulty: endpoints[0]!.faulty, error: error && { name: error.name, signatureSlot: error.signatureSlot, path: fault!.path } }
}

describe('LightClient verifies a round\'s signatures in one batch (helios mainnet chain, p862..867)', () => {
  it('checks the hand-overs the heads need, the finality and the optimistic update in one multi-pairing; the next period\'s committee after', async () => {
    const { bls, counts } = countingBls()
    const outcome = await sync(heliosChain(), bls)
    expect(outcome).toMatchObject({ status: 'synced', finalized: 7109344, optimistic: 7109431, faulty: false })
    // Five hand-overs (p862..866), the finality and the optimistic update (signed at another slot);
    // p867's, which brings only p868's committee, is held back until the heads are in, then checked alone.
    expect(counts.batches).toEqual([7])
    expect(counts.verify).toBe(1)
  })

  it('reports synced before it checks the held-back hand-over, whose participation it does not show', async () => {
    const statuses: string[] = []
    let lc: LightClient | undefined
    const bls: BlsBackend = { ...chainsafeBls, verify: (...args) => { statuses.push(lc!.state.status); return chainsafeBls.verify(...args) } }
    lc = new LightClient({ network: getNetwork({ name: 'mainnet' }), transport: memoryTransport({ data: heliosChain() }), checkpoint: HELIOS_CHECKPOINT, clock: createFixedClock({ nowMs: msAtSlot(7109433) }), bls })
    await lc.init()
    await lc.syncOnce()
    expect(statuses).toEqual(['synced'])
    expect(lc.state).toMatchObject({ status: 'synced', syncPeriod: 867, participation: { participants: 510, size: 512 } })
  })

  // A forgery anywhere in the batch: the batch fails, each signature is then checked alone, and the
  // outcome (state, error, which update) is exactly that of checking them one by one from the start.
  const signature = (agg: { sync_committee_signature: string }) => { agg.sync_committee_signature = flipBit(agg.sync_committee_signature, 60) }
  it.each([
    ['the first hand-over', (c: RecordedChain) => signature(c.updates[0].data.sync_aggregate), 7061720, '/updates?'],
    ['the last hand-over the heads need', (c: RecordedChain) => signature(c.updates[4].data.sync_aggregate), 7094353, '/updates?'],
    ['the hand-over held back until after the heads', (c: RecordedChain) => signature(c.updates[5].data.sync_aggregate), 7104191, '/updates?'],
    ['the finality update', (c: RecordedChain) => signature((c.finality as any).data.sync_aggregate), 7109431, '/finality_update'],
    ['the optimistic update', (c: RecordedChain) => signature((c.optimistic as any).data.sync_aggregate), 7109432, '/optimistic_update'],
  ] as const)('a forged signature in %s is refused as itself, blamed on its endpoint, as without batching', async (_, tamper, signatureSlot, route) => {
    const chain = heliosChain()
    tamper(chain)
    const batched = countingBls()
    const alone = countingBls({ batching: false })
    const outcome = await sync(structuredClone(chain), batched.bls)
    expect(outcome).toEqual(await sync(structuredClone(chain), alone.bls))
    expect(outcome).toMatchObject({ faulty: true, error: { name: 'InvalidSyncSignatureError', signatureSlot, path: expect.stringContaining(route) } })
    expect(batched.counts.batches.length).toBeGreaterThanOrEqual(1)
    expect(batched.counts.verify).toBeGreaterThan(0)
  })

  // start() with noble (the browser's backend): the heads' signatures are prepared on arrival,
  // while the bootstrap and the hand-overs are still on their way; a forgery is refused the same.
  it.each([
    ['no update (the honest chain)', () => {}, undefined],
    ['the first hand-over', (c: RecordedChain) => signature(c.updates[0].data.sync_aggregate), 7061720],
    ['the finality update', (c: RecordedChain) => signature((c.finality as any).data.sync_aggregate), 7109431],
    ['the optimistic update', (c: RecordedChain) => signature((c.optimistic as any).data.sync_aggregate), 7109432],
  ] as const)('start() with noble, a forged signature in %s: the outcome of checking one by one', async (_, tamper, signatureSlot) => {
    const chain = heliosChain()
    tamper(chain)
    const prepared: string[] = []
    const noble = createNobleBls()
    const bls: BlsBackend = { ...noble, prepare: (message, sig) => { prepared.push(bytesToHex(sig)); noble.prepare!(message, sig) } }
    const outcome = await syncStarted(structuredClone(chain), bls)
    expect(outcome).toEqual(await sync(structuredClone(chain), countingBls({ batching: false }).bls))
    expect(outcome.error?.signatureSlot).toBe(signatureSlot)
    // Both heads' signatures, prepared before they were checked.
    expect(prepared).toEqual(expect.arrayContaining([(chain.finality as any).data.sync_aggregate.sync_committee_signature, (chain.optimistic as any).data.sync_aggregate.sync_committee_signature]))
  })
})

/** As sync(), through start() (the heads fetched with the bootstrap, the hand-overs asked for before it is verified), until synced or stalled. */
async function syncStarted(chain: RecordedChain, bls: BlsBackend) {
  const lc = new LightClient({ network: getNetwork({ name: 'mainnet' }), transport: memoryTransport({ data: chain }), checkpoint: HELIOS_CHECKPOINT, clock: createFixedClock({ nowMs: msAtSlot(7109433) }), bls })
  const settled = new Promise<void>((resolve) => lc.subscribe((e) => { if (e.type === 'state' && ['synced', 'stalled', 'error'].includes(e.state.status)) resolve() }))
  const running = lc.start()
  await settled
  await lc.stop()
  await running
  const { status, finalized, optimistic, endpoints } = lc.state
  const fault = lc.pool.provenFaults()[0]
  const error = fault?.error as { name: string; signatureSlot?: number } | undefined
  return { status, finalized: finalized?.slot, optimistic: optimistic?.slot, faulty: endpoints[0]!.faulty, error: error && { name: error.name, signatureSlot: error.signatureSlot, path: fault!.path } }
}
