import { describe, expect, it } from 'vitest'
import { BundleFormatError } from '../../../src/lib/bundle/errors.ts'
import { parseProofBundle } from '../../../src/lib/bundle/parseProofBundle.ts'
import { versionFor } from '../../../src/lib/bundle/types.ts'

const HASH = `0x${'11'.repeat(32)}`
const call = { call: { to: `0x${'22'.repeat(20)}`, data: '0x313ce567' }, result: `0x${'00'.repeat(31)}08` }
const preview = { kind: 'preview', transaction: { from: `0x${'33'.repeat(20)}`, to: `0x${'44'.repeat(20)}`, value: '0x1' }, reverted: false, changes: [], approvals: [], delegationChanges: [] }
const bundle = (version: number, claim: Record<string, unknown>) => ({
  format: 'latchkey-proof-bundle', version, createdAt: '2026-12-01T00:00:00.000Z',
  network: { name: 'devnet', chainId: 1337, genesisValidatorsRoot: HASH, genesisTime: 1, builtIn: false },
  consensus: { checkpoint: HASH, bootstrap: {}, updates: [], head: null },
  block: { number: '5', hash: HASH }, ancestors: [], claim, proofs: {},
})
const refusal = (input: unknown) => {
  try {
    parseProofBundle(input)
  } catch (error) {
    return error
  }
  throw new Error('parsed')
}

describe('parseProofBundle: versions and the calls claim', () => {
  it('marks each kind with the oldest version that has it: 1 for values, 2 for a call, 3 for calls', () => {
    expect(['balance', 'nonce', 'code', 'receipt', 'block'].map((k) => versionFor(k as never))).toEqual([1, 1, 1, 1, 1])
    expect(versionFor('call')).toBe(2)
    expect(versionFor('calls')).toBe(3)
    expect(versionFor('preview')).toBe(3)
  })

  it('reads a version-3 calls bundle, and a call bundle of version 2 or 3', () => {
    expect(parseProofBundle(bundle(3, { kind: 'calls', calls: [call, call] })).claim.kind).toBe('calls')
    expect(parseProofBundle(bundle(2, { kind: 'call', ...call })).claim.kind).toBe('call')
    expect(parseProofBundle(bundle(3, { kind: 'call', ...call })).claim.kind).toBe('call')
    expect(parseProofBundle(bundle(3, preview)).claim.kind).toBe('preview')
  })

  const refused: [string, unknown, RegExp][] = [
    ['calls in version 2', bundle(2, { kind: 'calls', calls: [call] }), /claim\.kind is not one of .* \(version 2\)/],
    ['no calls', bundle(3, { kind: 'calls', calls: [] }), /claim\.calls is not a list of one or more calls/],
    ['a call without its result', bundle(3, { kind: 'calls', calls: [call, { call: call.call }] }), /claim\.calls/],
    ['calls that are not a list', bundle(3, { kind: 'calls', calls: call }), /claim\.calls/],
    ['a preview in version 2', bundle(2, preview), /claim\.kind is not one of .* \(version 2\)/],
    ['a preview without its changes', bundle(3, { ...preview, changes: undefined }), /claim of a preview needs/],
    ['a preview without its transaction', bundle(3, { ...preview, transaction: '0x' }), /claim of a preview needs/],
    ['a preview whose reverted is neither false nor its data', bundle(3, { ...preview, reverted: true }), /claim of a preview needs/],
    ['version 4', bundle(4, { kind: 'calls', calls: [call] }), /version is 4; this Latchkey reads versions 1, 2, 3/],
  ]
  for (const [what, input, message] of refused) {
    it(`refuses ${what} with BundleFormatError`, () => {
      const error = refusal(input)
      expect(error).toBeInstanceOf(BundleFormatError)
      expect((error as Error).message).toMatch(message)
    })
  }
})
