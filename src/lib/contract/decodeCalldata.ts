import { type Abi, type AbiFunction, type Hex, decodeFunctionData, toFunctionSelector } from 'viem'
import { knownAbis } from './knownAbis.ts'

export type DecodedArgument = { name: string; type: string; value: string }
export type DecodedCall = {
  functionName: string
  /** The canonical signature, e.g. transfer(address,uint256). */
  signature: string
  args: DecodedArgument[]
  /** Which ABI decoded it: 'your ABI', 'ERC-20', 'ERC-721', 'WETH', or 'ERC-20 / ERC-721' for their shared selectors. */
  source: string
}

export type DecodeCalldataParameters = {
  data: Hex | undefined
  /** The user's pasted ABI for this contract: tried before the standards. */
  abi?: Abi
}

const SHARED = new Set(['0x095ea7b3', '0x23b872dd']) // approve, transferFrom

/**
 * Decodes calldata with the user's ABI, then the standards' (ERC-20, ERC-721, WETH). Undefined
 * when nothing matches or the arguments do not decode: the review then shows the raw data.
 */
export function decodeCalldata({ data, abi }: DecodeCalldataParameters): DecodedCall | undefined {
  if (!data || data.length < 10) return undefined
  const candidates = [...(abi ? [{ source: 'your ABI', abi }] : []), ...knownAbis]
  for (const { source, abi: candidate } of candidates) {
    try {
      const { functionName, args = [] } = decodeFunctionData({ abi: candidate, data })
      const selector = data.slice(0, 10).toLowerCase()
      // By selector, not name: overloads (ERC-721's two safeTransferFrom) share the name.
      const fn = candidate.find((x): x is AbiFunction => x.type === 'function' && toFunctionSelector(x) === selector)!
      return {
        functionName,
        signature: `${fn.name}(${fn.inputs.map((i) => i.type).join(',')})`,
        args: fn.inputs.map((input, i) => ({ name: input.name || `arg${i}`, type: input.type, value: formatAbiValue(args[i]) })),
        source: source !== 'your ABI' && SHARED.has(selector) ? 'ERC-20 / ERC-721' : source,
      }
    } catch {
      // not this ABI
    }
  }
  return undefined
}

/** A decoded value as text: numbers in decimal, addresses checksummed as decoded, arrays and tuples as JSON. */
export function formatAbiValue(value: unknown): string {
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'string') return value
  return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v))
}
