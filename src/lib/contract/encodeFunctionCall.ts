import type { AbiFunction, Hex } from 'viem'
import { decodeFunctionResult, encodeFunctionData } from 'viem'
import { parseFunctionArgs } from './parseFunctionArgs.ts'

export type EncodeFunctionCallParameters = { fn: AbiFunction; values: readonly string[] }

/**
 * The calldata of one function from the form's text fields (checked by parseFunctionArgs). A
 * module of its own so the Contract screen loads these viem functions from their files, not
 * through `import('viem')`, whose index is all of viem (64 kB gzip).
 */
export function encodeFunctionCall({ fn, values }: EncodeFunctionCallParameters): Hex {
  return encodeFunctionData({ abi: [fn], functionName: fn.name, args: parseFunctionArgs({ fn, values }) })
}

export type DecodeFunctionCallResultParameters = { fn: AbiFunction; data: Hex }

/** The function's outputs as a list, one per output (viem returns a lone output bare). */
export function decodeFunctionCallResult({ fn, data }: DecodeFunctionCallResultParameters): unknown[] {
  const raw = decodeFunctionResult({ abi: [fn], functionName: fn.name, data }) as unknown
  return fn.outputs.length === 1 ? [raw] : (raw as unknown[])
}
