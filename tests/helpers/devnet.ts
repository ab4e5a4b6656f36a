import { type Devnet, type DevnetParameters, startDevnet } from '../../scripts/devnet/startDevnet.ts'
import { rpc } from '../lib/execution/startAnvil.ts'

/** A devnet for one test file: short slots, random ports. Stop it in afterAll. */
export function startTestDevnet(params: DevnetParameters = {}): Promise<Devnet> {
  return startDevnet({ secondsPerSlot: 1, ...params })
}

/**
 * Runs `rewrite` (anvil_setBalance / setCode / setStorageAt...) and resolves once the chain is past
 * the block that was newest then: anvil rewrites the state under that block, so proofs at it
 * rightly fail against its header, and an app reading there would catch an honest RPC "lying".
 */
export async function rewriteAnvilState(rpcUrl: string, rewrite: () => Promise<unknown>): Promise<void> {
  const blockNumber = async () => BigInt(await rpc<string>(rpcUrl, 'eth_blockNumber'))
  const rewrittenAt = await blockNumber()
  await rewrite()
  while ((await blockNumber()) <= rewrittenAt + 1n) await new Promise((r) => setTimeout(r, 100))
}
