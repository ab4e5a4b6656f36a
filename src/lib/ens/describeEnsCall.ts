import { type Hex, decodeAbiParameters, decodeFunctionData, getAddress, hexToBytes, namehash, parseAbi } from 'viem'

// The Universal Resolver's entry points viem's getEnsAddress and getEnsName call (ENSIP-10/19).
const universalResolverAbi = parseAbi([
  'function resolveWithGateways(bytes name, bytes data, string[] gateways) view returns (bytes, address)',
  'function reverseWithGateways(bytes lookupAddress, uint256 coinType, string[] gateways) view returns (string, address, address)',
])
const addrAbi = parseAbi(['function addr(bytes32 node) view returns (address)'])

/** A DNS wire-format name (length-prefixed labels, a zero at the end) in dotted form; undefined if it is not one. */
export function dnsDecodeName(packet: Hex): string | undefined {
  const bytes = hexToBytes(packet)
  const labels: string[] = []
  let i = 0
  while (i < bytes.length && bytes[i] !== 0) {
    const end = i + 1 + bytes[i]!
    if (end > bytes.length) return undefined
    labels.push(new TextDecoder().decode(bytes.slice(i + 1, end)))
    i = end
  }
  return i === bytes.length - 1 && labels.length > 0 ? labels.join('.') : undefined
}

/**
 * What a call bundle's call means in ENS words, read from the call data and the return data that
 * the bundle proves (no label is taken from the bundle): a name's address (`resolveWithGateways`
 * of that name's `addr`, its node checked to be the name's namehash) or an address's primary name
 * (`reverseWithGateways` for ETH, which the resolver checks forward). Undefined for any other call.
 * Which contract answered is the call's `to`: the words hold for your network's Universal Resolver.
 */
export function describeEnsCall({ data, result }: { data: Hex; result: Hex }): string | undefined {
  try {
    const call = decodeFunctionData({ abi: universalResolverAbi, data })
    if (call.functionName === 'resolveWithGateways') {
      const name = dnsDecodeName(call.args[0])
      const inner = decodeFunctionData({ abi: addrAbi, data: call.args[1] })
      if (!name || inner.args[0].toLowerCase() !== namehash(name)) return undefined
      const [answer] = decodeAbiParameters([{ type: 'bytes' }, { type: 'address' }], result)
      const [address] = decodeAbiParameters([{ type: 'address' }], answer)
      return `ENS: ${name} resolves to ${address}`
    }
    if (call.args[1] !== 60n) return undefined
    const [name] = decodeAbiParameters([{ type: 'string' }, { type: 'address' }, { type: 'address' }], result)
    return `ENS: the primary name of ${getAddress(call.args[0])} is ${name === '' ? '(none)' : name}, checked forward`
  } catch {
    return undefined
  }
}
