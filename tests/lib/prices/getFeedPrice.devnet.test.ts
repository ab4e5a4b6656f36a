import { createClient, custom } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEVNET_ETH_USD, postDevnetPrice } from '../../../scripts/devnet/devnetContracts.ts'
import { createJsonRpc } from '../../../scripts/devnet/jsonRpc.ts'
import type { Devnet } from '../../../scripts/devnet/startDevnet.ts'
import { LightClient } from '../../../src/lib/consensus/LightClient.ts'
import { createCustomNetwork } from '../../../src/lib/consensus/networks.ts'
import { StorageValueMismatchError } from '../../../src/lib/execution/errors.ts'
import { PriceFeedStaleError } from '../../../src/lib/prices/errors.ts'
import { formatUsdValue } from '../../../src/lib/prices/formatUsdValue.ts'
import { getFeedPrice } from '../../../src/lib/prices/getFeedPrice.ts'
import { createVerifiedRequest } from '../../../src/lib/rpc/createVerifiedRequest.ts'
import type { PriceFeedConfig } from '../../../src/lib/trust/networkContracts.ts'
import { startTestDevnet } from '../../helpers/devnet.ts'
import { rpc } from '../execution/startAnvil.ts'
import { startTamperingProxy } from '../rpc/tamperingProxy.ts'

let devnet: Devnet
let lc: LightClient
let feed: PriceFeedConfig
let liar: Awaited<ReturnType<typeof startTamperingProxy>>

beforeAll(async () => {
  devnet = await startTestDevnet({ periods: 1, priceFeed: true })
  feed = devnet.contracts!.priceFeeds!.ethUsd
  lc = new LightClient({
    network: createCustomNetwork({ name: 'devnet', specJson: devnet.chainConfig, genesisValidatorsRoot: devnet.genesisValidatorsRoot, genesisTime: devnet.genesisTime, beaconApis: [devnet.beaconUrl] }),
    checkpoint: devnet.checkpointRoot, timeoutMs: 5_000, syncedToleranceSlots: 4, minAgreeingEndpoints: 1,
  })
  await lc.init()
  liar = await startTamperingProxy({ upstream: devnet.rpcUrl })
}, 120_000)
afterAll(async () => {
  await liar?.stop()
  await devnet?.stop()
})

async function readAtHead(rpcs: string[]) {
  await lc.syncOnce()
  const header = await lc.getExecutionHeader('latest')
  const { request, client: pool } = createVerifiedRequest({ headers: lc, rpcs, chainId: devnet.chainId, cache: false })
  const client = createClient({ transport: custom({ request }) })
  return { pool, header, read: () => getFeedPrice({ client, feed, blockNumber: header.number, blockTimestamp: Number(header.timestamp) }) }
}

describe('Chainlink-style price feed on the devnet, read with verified eth_call', () => {
  it('reads the ETH/USD price with the block it was proven at', async () => {
    const { header, read } = await readAtHead([devnet.rpcUrl])
    const price = await read()
    expect(price).toMatchObject({ feed: feed.address, description: 'ETH / USD', answer: DEVNET_ETH_USD, decimals: 8, blockNumber: header.number })
    expect(price.updatedAt).toBeLessThanOrEqual(price.blockTimestamp)
    expect(formatUsdValue({ amount: 1_500_000_000_000_000_000n, amountDecimals: 18, price })).toBe('$4,500.00')
  })

  it('a lying RPC cannot change the price: its forged answer fails the storage proof', async () => {
    liar.state.tamper = (method, _params, result) => {
      if (method !== 'eth_getProof') return result
      for (const p of result.storageProof) p.value = '0x1'
      return result
    }
    const alone = await readAtHead([liar.url])
    const error = await alone.read().catch((e) => e)
    expect(JSON.stringify(chain(error))).toContain('StorageValueMismatchError')
    expect(chain(error).some((e) => e instanceof StorageValueMismatchError)).toBe(true)
    const withHonest = await readAtHead([liar.url, devnet.rpcUrl])
    expect((await withHonest.read()).answer).toBe(DEVNET_ETH_USD)
    expect(withHonest.pool.providers()[0]).toMatchObject({ faulty: true })
    liar.state.tamper = undefined
  })

  it('hides a stale price: a round older than the heartbeat (by its own updatedAt) is refused', async () => {
    const head = await lc.getExecutionHeader('latest')
    const hash = await postDevnetPrice({ rpc: createJsonRpc(devnet.rpcUrl), chainId: devnet.chainId, feed: feed.address, updatedAt: head.timestamp - BigInt(2 * feed.heartbeatSeconds) })
    let mined: { blockNumber: string } | null = null
    while (!(mined = await rpc(devnet.rpcUrl, 'eth_getTransactionReceipt', [hash]))) await new Promise((r) => setTimeout(r, 100))
    let at = await readAtHead([devnet.rpcUrl])
    while (at.header.number < BigInt(mined.blockNumber)) {
      await new Promise((r) => setTimeout(r, 200))
      at = await readAtHead([devnet.rpcUrl])
    }
    const error = await at.read().catch((e) => e)
    expect(error).toBeInstanceOf(PriceFeedStaleError)
    expect(error).toMatchObject({ feed: feed.address, limitSeconds: 3960 })
    expect(error.ageSeconds).toBeGreaterThan(3960)
  })
})

function chain(error: unknown, depth = 0): unknown[] {
  if (!error || typeof error !== 'object' || depth > 8) return []
  const e = error as { cause?: unknown; errors?: unknown[] }
  return [error, ...chain(e.cause, depth + 1), ...(e.errors ?? []).flatMap((x) => chain(x, depth + 1))]
}
