import { type Hex, bytesToHex, encodeAbiParameters, encodeFunctionData, namehash, parseAbi, stringToBytes } from 'viem'
import { describe, expect, it } from 'vitest'
import { describeEnsCall, dnsDecodeName } from '../../../src/lib/ens/describeEnsCall.ts'
import { describeClaim } from '../../../src/lib/bundle/describeClaim.ts'

const abi = parseAbi([
  'function resolveWithGateways(bytes name, bytes data, string[] gateways) view returns (bytes, address)',
  'function reverseWithGateways(bytes lookupAddress, uint256 coinType, string[] gateways) view returns (string, address, address)',
  'function addr(bytes32 node) view returns (address)',
  'function balanceOf(address owner) view returns (uint256)',
])
const dns = (name: string): Hex => bytesToHex(new Uint8Array([...name.split('.').flatMap((l) => [l.length, ...stringToBytes(l)]), 0]))
const who = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const resolverAddress = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const forward = (name: string, node = namehash(name)) => encodeFunctionData({ abi, functionName: 'resolveWithGateways', args: [dns(name), encodeFunctionData({ abi, functionName: 'addr', args: [node] }), ['x-batch-gateway:true']] })
const forwardResult = encodeAbiParameters([{ type: 'bytes' }, { type: 'address' }], [encodeAbiParameters([{ type: 'address' }], [who]), resolverAddress])

describe('describeEnsCall', () => {
  it('reads a name\'s address from the Universal Resolver call and its proven return data', () => {
    expect(describeEnsCall({ data: forward('dev.eth'), result: forwardResult })).toBe(`ENS: dev.eth resolves to ${who}`)
  })
  it('reads a primary name from the reverse call (ETH coin type) and its result', () => {
    const data = encodeFunctionData({ abi, functionName: 'reverseWithGateways', args: [who, 60n, ['x-batch-gateway:true']] })
    const result = encodeAbiParameters([{ type: 'string' }, { type: 'address' }, { type: 'address' }], ['dev.eth', resolverAddress, resolverAddress])
    expect(describeEnsCall({ data, result })).toBe(`ENS: the primary name of ${who} is dev.eth, checked forward`)
  })
  it('names nothing when the inner call asks for another name\'s node than the one encoded', () => {
    expect(describeEnsCall({ data: forward('dev.eth', namehash('vitalik.eth')), result: forwardResult })).toBeUndefined()
  })
  it('names nothing for a call that is not an ENS lookup', () => {
    expect(describeEnsCall({ data: encodeFunctionData({ abi, functionName: 'balanceOf', args: [who] }), result: `0x${'00'.repeat(32)}` })).toBeUndefined()
  })
  it('decodes DNS wire-format names and refuses malformed ones', () => {
    expect(dnsDecodeName(dns('a.dev.eth'))).toBe('a.dev.eth')
    expect(dnsDecodeName('0x0564657600')).toBeUndefined() // a label longer than the packet
    expect(dnsDecodeName('0x03646576')).toBeUndefined() // no terminating zero
  })
  it('is how verify-bundle describes an ENS call bundle', () => {
    const text = describeClaim({ kind: 'call', call: { to: resolverAddress, data: forward('dev.eth') }, result: forwardResult })
    expect(text).toMatch(new RegExp(`^call to ${resolverAddress} with data 0x[0-9a-f]+: returned 0x[0-9a-f]+ \\(ENS: dev\\.eth resolves to ${who}, if ${resolverAddress} is your network's Universal Resolver\\)$`))
  })
})
