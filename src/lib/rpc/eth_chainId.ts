import { numberToHex } from 'viem'
import type { MethodHandler } from './types.ts'

/** eth_chainId: from the network configuration, never the RPC's claim. */
export const eth_chainId: MethodHandler = async ({ context }) => numberToHex(context.chainId)
