import { numberToHex } from 'viem'
import type { MethodHandler } from './types.ts'

/** eth_blockNumber: the light client's optimistic head, never the RPC's claim. */
export const eth_blockNumber: MethodHandler = async ({ context }) => numberToHex((await context.headers.getExecutionHeader('latest')).number)
