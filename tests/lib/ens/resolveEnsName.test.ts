// resolveEnsName and lookupEnsName (src/lib/ens) against viem's getEnsAddress and getEnsName, which
// they replace, over the same scripted Universal Resolver: the same eth_calls, the same answer or
// the same error chain, the same gateway requests, onchain and through CCIP-read (EIP-3668, the
// local batch gateway of ENSIP-21), including its limits. Then what only Latchkey does: refusing.
import { type Address, type Hex, createClient, encodeAbiParameters, encodeErrorResult, encodeFunctionResult, parseAbi } from 'viem'
import { getEnsAddress, getEnsName } from 'viem/actions'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EnsOffchainRefusedError } from '../../../src/lib/ens/errors.ts'
import { lookupEnsName } from '../../../src/lib/ens/lookupEnsName.ts'
import { resolveEnsName } from '../../../src/lib/ens/resolveEnsName.ts'
import { universalResolverResolveAbi, universalResolverReverseAbi } from '../../../src/lib/ens/universalResolverAbi.ts'
import { outcome } from '../rpc/actions/sameAsViem.ts'
import { type Answer, type EthCall, batchLookupRevert, ccipCallback, decodeQuery, decodeResolveCall, offchainLookupRevert, readCallback, readCallbackArgs, resolver, scriptedTransport, startGateway, universalResolver, viemCcipRead } from './scriptedUniversalResolver.ts'

const owner = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' as const
const blockNumber = 7n
const errors = parseAbi(['error Error(string)', 'error Panic(uint256)', 'error ResolverNotFound(bytes name)', 'error ReverseAddressMismatch(string primary, bytes primaryAddress)', 'error ResolverError(bytes errorData)'])
const revert = (errorName: 'Error' | 'Panic' | 'ResolverNotFound' | 'ReverseAddressMismatch', args: readonly unknown[]): Answer => ({ revert: encodeErrorResult({ abi: errors, errorName, args } as never) })
const resolved = (answer: Hex): Answer => ({ result: encodeFunctionResult({ abi: universalResolverResolveAbi, functionName: 'resolveWithGateways', result: [answer, resolver] }) })
const addressAnswer = (address: Address) => encodeAbiParameters([{ type: 'address' }], [address])

let gateway: Awaited<ReturnType<typeof startGateway>>
let failing: Awaited<ReturnType<typeof startGateway>>
beforeAll(async () => {
  gateway = await startGateway(() => addressAnswer(owner))
  failing = await startGateway(() => ({ status: 503 }))
})
afterAll(async () => {
  await gateway?.stop()
  await failing?.stop()
})

/** The Universal Resolver's ccipCallback as the devnet's answers it: a failed query is its error (HttpError) or ResolverError. */
function callback(call: EthCall, answer: (response: Hex) => Answer): Answer {
  const { failures, responses } = readCallback(call.data)
  if (!failures[0]) return answer(responses[0]!)
  if (responses[0]!.startsWith('0x01800152')) return { revert: responses[0]! }
  return { revert: encodeErrorResult({ abi: errors, errorName: 'ResolverError', args: [responses[0]!] }) }
}

/** A name whose resolver answers through `gatewayUrl`: the first call reverts OffchainLookup, the callback answers. */
const offchainName = (gatewayUrl: string, then: (call: EthCall) => Answer = (call) => callback(call, resolved)) => (call: EthCall): Answer => {
  if (call.data.startsWith(ccipCallback)) return then(call)
  const { args } = decodeResolveCall(call.data)
  return { revert: batchLookupRevert({ gatewayUrl, query: encodeAbiParameters([{ type: 'bytes' }, { type: 'bytes' }], [args[0] as Hex, args[1] as Hex]) }) }
}

const noAnswer = /reverted with the following reason/
// [case, script, what both give: an address, null, or the top error's shortMessage]
const forward: [string, () => (call: EthCall) => Answer, Address | null | RegExp][] = [
  ['an address record', () => () => resolved(addressAnswer(owner)), owner],
  ['an unset record (the zero address)', () => () => resolved(addressAnswer('0x0000000000000000000000000000000000000000')), null],
  ['no answer at all', () => () => resolved('0x'), null],
  ['an answer that is no address', () => () => resolved('0x1234'), /Data size of 2 bytes is too small/],
  ['no resolver (ResolverNotFound)', () => () => revert('ResolverNotFound', ['0x03646576036574680000']), null],
  ['a revert that does not mean "no answer" (Error)', () => () => revert('Error', ['boom']), noAnswer],
  ['a panic', () => () => revert('Panic', [0x32n]), noAnswer],
  ['an OffchainLookup round through the batch gateway', () => offchainName(gateway.url), owner],
  ['a gateway that fails (HTTP 503 -> HttpError)', () => offchainName(failing.url), null],
  ['a gateway that cannot be reached (-> ResolverError)', () => offchainName('http://127.0.0.1:9/'), null],
  ['a gateway URL that is not http(s)', () => offchainName('ftp://127.0.0.1/'), null],
  ['a nested OffchainLookup in the callback', () => {
    let rounds = 0
    return offchainName(gateway.url, (call) => (rounds++ === 0 ? { revert: batchLookupRevert({ gatewayUrl: gateway.url, query: readCallback(call.data).responses[0]! }) } : callback(call, resolved)))
  }, owner],
  ['callbacks that never stop asking (the depth limit)', () => offchainName(gateway.url, (call) => ({ revert: batchLookupRevert({ gatewayUrl: gateway.url, query: readCallback(call.data).responses[0]! }) })), /^HTTP request failed/],
  ['a callback that reverts', () => offchainName(gateway.url, () => revert('Panic', [0x11n])), noAnswer],
  ['an OffchainLookup sent by another contract (sender mismatch)', () => () => ({ revert: offchainLookupRevert({ sender: resolver, urls: [gateway.url], callData: '0x' }) }), /^Reverted sender address does not match/],
  ['an OffchainLookup to a gateway directly (not the batch gateway)', () => (call) => (call.data.startsWith('0x11223344') ? resolved(readCallbackArgs(call.data).response) : { revert: offchainLookupRevert({ urls: [gateway.url], callData: '0xdeadbeef', callback: '0x11223344' }) }), owner],
]

describe('resolveEnsName, as viem getEnsAddress', () => {
  it.each(forward)('%s', async (_, script, expected) => {
    const ours = scriptedTransport(script())
    const theirs = scriptedTransport(script())
    const before = gateway.received.length
    const mine = await outcome(async () => (await resolveEnsName({ transport: ours.transport, universalResolverAddress: universalResolver, name: 'dev.eth', blockNumber, offchain: 'allow' })).address)
    const asked = gateway.received.length - before
    const viems = await outcome(() => getEnsAddress(createClient({ transport: theirs.transport, ccipRead: viemCcipRead }), { name: 'dev.eth', universalResolverAddress: universalResolver, blockNumber }))
    expect(mine).toEqual(expected instanceof RegExp ? { error: expect.arrayContaining([expect.objectContaining({ shortMessage: expect.stringMatching(expected) })]) } : { value: expected })
    expect(mine).toEqual(viems)
    expect(ours.calls).toEqual(theirs.calls)
    expect(gateway.received.length - before).toBe(2 * asked)
  })

  it('an OffchainLookup round reaches the gateway once, with the resolver\'s query, and the callback gets its answer', async () => {
    const ours = scriptedTransport(offchainName(gateway.url))
    const before = gateway.received.length
    const host = new URL(gateway.url).host
    expect(await resolveEnsName({ transport: ours.transport, universalResolverAddress: universalResolver, name: 'Dev.eth', blockNumber, offchain: 'allow' })).toEqual({ name: 'dev.eth', address: owner, offchain: { gateways: [host] } })
    expect(gateway.received.slice(before).map((data) => decodeQuery(data).name)).toEqual(['0x036465760365746800'])
    expect(ours.calls.map((c) => [c.to, c.block, c.data.startsWith(ccipCallback) ? 'ccipCallback' : decodeResolveCall(c.data).functionName])).toEqual([[universalResolver, '0x7', 'resolveWithGateways'], [universalResolver, '0x7', 'ccipCallback']])
    expect(readCallback(ours.calls[1]!.data)).toEqual({ failures: [false], responses: [addressAnswer(owner)], extraData: '0xabcd' })
  })

  it('refuses an offchain name without contacting its gateway, naming the gateway\'s host', async () => {
    const ours = scriptedTransport(offchainName(gateway.url))
    const before = gateway.received.length
    const error = await resolveEnsName({ transport: ours.transport, universalResolverAddress: universalResolver, name: 'dev.eth', blockNumber, offchain: 'refuse' }).catch((e) => e)
    expect(error).toBeInstanceOf(EnsOffchainRefusedError)
    expect(error).toMatchObject({ input: 'dev.eth', gateways: [new URL(gateway.url).host] })
    expect(gateway.received.length).toBe(before)
    // The refusal reached the resolver as a failed query, as before (it then answered "no answer").
    expect(readCallback(ours.calls[1]!.data).failures).toEqual([true])
  })

  it('an onchain name is not marked offchain and asks no gateway', async () => {
    const ours = scriptedTransport(() => resolved(addressAnswer(owner)))
    expect(await resolveEnsName({ transport: ours.transport, universalResolverAddress: universalResolver, name: 'dev.eth', blockNumber, offchain: 'refuse' })).toEqual({ name: 'dev.eth', address: owner })
    expect(ours.methods).toEqual(['eth_call'])
  })
})

const primary = (name: string): Answer => ({ result: encodeFunctionResult({ abi: universalResolverReverseAbi, functionName: 'reverseWithGateways', result: [name, resolver, resolver] }) })
const reverse: [string, () => (call: EthCall) => Answer, string | null | RegExp][] = [
  ['a primary name', () => () => primary('dev.eth'), 'dev.eth'],
  ['none', () => () => primary(''), null],
  ['one that does not resolve back (ReverseAddressMismatch)', () => () => revert('ReverseAddressMismatch', ['dev.eth', owner]), null],
  ['a revert that does not mean "no answer"', () => () => revert('Error', ['boom']), noAnswer],
  ['a primary name from a gateway', () => (call) => (call.data.startsWith(ccipCallback) ? callback(call, () => primary('off.eth')) : { revert: batchLookupRevert({ gatewayUrl: gateway.url, query: '0x' }) }), 'off.eth'],
  ['a gateway that fails', () => (call) => (call.data.startsWith(ccipCallback) ? callback(call, () => primary('off.eth')) : { revert: batchLookupRevert({ gatewayUrl: failing.url, query: '0x' }) }), null],
]

describe('lookupEnsName, as viem getEnsName', () => {
  it.each(reverse)('%s', async (_, script, expected) => {
    const ours = scriptedTransport(script())
    const theirs = scriptedTransport(script())
    const mine = await outcome(async () => (await lookupEnsName({ transport: ours.transport, universalResolverAddress: universalResolver, address: owner, blockNumber, offchain: 'allow' })).name)
    expect(mine).toEqual(expected instanceof RegExp ? { error: expect.arrayContaining([expect.objectContaining({ shortMessage: expect.stringMatching(expected) })]) } : { value: expected })
    const viems = await outcome(() => getEnsName(createClient({ transport: theirs.transport, ccipRead: viemCcipRead }), { address: owner, universalResolverAddress: universalResolver, blockNumber }))
    expect(mine).toEqual(viems)
    expect(ours.calls).toEqual(theirs.calls)
  })

  it('refuses a primary name from a gateway', async () => {
    const ours = scriptedTransport(reverse[4]![1]())
    const before = gateway.received.length
    const error = await lookupEnsName({ transport: ours.transport, universalResolverAddress: universalResolver, address: owner, blockNumber, offchain: 'refuse' }).catch((e) => e)
    expect(error).toBeInstanceOf(EnsOffchainRefusedError)
    expect(error).toMatchObject({ input: owner, gateways: [new URL(gateway.url).host] })
    expect(gateway.received.length).toBe(before)
  })
})
