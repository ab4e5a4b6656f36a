import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { SLOTS_PER_EPOCH } from '@lodestar/params'
import { mnemonicToAccount } from 'viem/accounts'
import { type Anvil, DEV_MNEMONIC, startAnvil } from './anvil.ts'
import { startBeaconApiServer } from './beaconApiServer.ts'
import { BeaconChain, SLOTS_PER_PERIOD, periodAtSlot } from './beaconChain.ts'
import { type DevnetShape, createDevnetChain, toHex } from './chainConfig.ts'
import { type DevnetContracts, DEVNET_FEED_HEARTBEAT_SECONDS, confirmDevnetContracts, postDevnetPrice, sendDevnetContracts } from './devnetContracts.ts'
import { createJsonRpc } from './jsonRpc.ts'

export type DevnetParameters = {
  secondsPerSlot?: number
  beaconPort?: number
  rpcPort?: number
  /** Sync-committee periods between the trusted checkpoint and the head (default 3). */
  periods?: number
  /** Share of the sync committee that signs, in (0, 1] (default 1). */
  participation?: number
  like?: DevnetShape
  /** Where to write devnet.json; none when undefined. */
  infoFile?: string
  /** Produce blocks on the slot clock (default true); tests may step slots by hand. */
  autoProduce?: boolean
  seed?: string
  /**
   * Deploy ENS (registry, public resolver, reverse registrar, Universal Resolver) and register
   * dev.eth -> the first dev account with its reverse record. Off by default: tests that do not
   * need it start faster (`npm run devnet` and `npm start` turn it on).
   */
  ens?: boolean
  /** Deploy a Chainlink-style ETH/USD feed and post a round every half heartbeat (off by default). */
  priceFeed?: boolean
}

export type DevnetInfo = {
  beaconUrl: string
  rpcUrl: string
  chainId: number
  checkpointRoot: `0x${string}`
  checkpointSlot: number
  genesisValidatorsRoot: `0x${string}`
  genesisTime: number
  secondsPerSlot: number
  headSlot: number
  chainConfig: Record<string, string>
  mnemonic: string
  accounts: `0x${string}`[]
  /** Present when ENS or the price feed were asked for. */
  contracts?: DevnetContracts
}

export type Devnet = DevnetInfo & {
  chain: BeaconChain
  anvil: Anvil
  /** Produce the block of the current slot now (when autoProduce is off). */
  produceNext(): Promise<void>
  /** Mine execution blocks between two slots (pending transactions go into the first): a long history in no time. */
  mineBlocks(count: number): Promise<void>
  stop(): Promise<void>
}

export const DEFAULT_INFO_FILE = path.join('.latchkey', 'devnet.json')

/**
 * History: three blocks per sync-committee period, at the start of its second epoch (A), at the
 * start of its fourth (B, whose state finalizes A) and right after B (C, carrying the committee's
 * signature over B). That yields, per period, a finalized checkpoint and a sync-committee update
 * whose finalized header lies in the same period, as on a healthy chain; slots in between are skipped.
 */
function historySlots(fromPeriod: number, beforeSlot: number): number[] {
  const slots: number[] = []
  for (let p = fromPeriod; p * SLOTS_PER_PERIOD < beforeSlot; p++) {
    const a = p * SLOTS_PER_PERIOD + SLOTS_PER_EPOCH
    for (const s of [a, a + 2 * SLOTS_PER_EPOCH, a + 2 * SLOTS_PER_EPOCH + 1]) if (s < beforeSlot) slots.push(s)
  }
  return slots
}

export async function startDevnet(params: DevnetParameters = {}): Promise<Devnet> {
  const periods = params.periods ?? 3
  if (!Number.isInteger(periods) || periods < 0) throw new Error('periods must be a non-negative integer')
  const like = params.like ?? 'devnet'
  const now = Math.floor(Date.now() / 1000)

  // Place "now" a few epochs into the period `periods` after the checkpoint's.
  let chain = createDevnetChain({ like, secondsPerSlot: params.secondsPerSlot })
  const sps = chain.chainConfig.SECONDS_PER_SLOT
  let liveSlot: number
  if (like === 'mainnet') {
    liveSlot = Math.floor((now - chain.genesisTime) / sps)
  } else {
    liveSlot = periods * SLOTS_PER_PERIOD + 4 * SLOTS_PER_EPOCH
    chain = createDevnetChain({ like, secondsPerSlot: params.secondsPerSlot, genesisTime: now - liveSlot * sps })
  }
  const checkpointPeriod = periodAtSlot(liveSlot) - periods
  const history = historySlots(checkpointPeriod, liveSlot)
  const firstSlot = history[0] ?? liveSlot

  const withContracts = Boolean(params.ens || params.priceFeed)
  // The contracts' deployer is an 11th dev account, so the ten listed ones keep their balances and nonces.
  const anvil = await startAnvil({ port: params.rpcPort, chainId: chain.chainId, genesisTimestamp: chain.genesisTime + firstSlot * sps - 1, accounts: withContracts ? 11 : 10 })
  const anvilRpc = createJsonRpc(anvil.url)
  const beaconChain = new BeaconChain({ chain, rpc: anvilRpc, participation: params.participation, seed: params.seed })
  const accounts = Array.from({ length: 10 }, (_, i) => mnemonicToAccount(DEV_MNEMONIC, { addressIndex: i }).address)
  let server: Awaited<ReturnType<typeof startBeaconApiServer>> | undefined
  let timer: NodeJS.Timeout | undefined
  let feedTimer: NodeJS.Timeout | undefined
  try {
    for (const slot of history) await beaconChain.produceBlock(slot)
    const checkpoint = beaconChain.blockAtSlot(history[0])
    // Submitted now, mined in the first live block below: no waiting, and the feed's round is current.
    const pending = withContracts
      ? await sendDevnetContracts({ rpc: anvilRpc, chainId: chain.chainId, devAccount: accounts[0]!, ens: Boolean(params.ens), priceFeed: Boolean(params.priceFeed) })
      : undefined
    // Two live blocks, so that the first optimistic update already attests a current header
    // (clients such as Helios refuse a head whose execution timestamp lags the clock).
    await beaconChain.produceBlock(Math.max(liveSlot - 1, (beaconChain.head?.slot ?? -1) + 1))
    await beaconChain.produceBlock(Math.max(liveSlot, (beaconChain.head?.slot ?? -1) + 1))
    if (pending) await confirmDevnetContracts(anvilRpc, pending.hashes)
    server = await startBeaconApiServer({ chain: beaconChain, port: params.beaconPort })

    const currentSlot = () => Math.floor((Date.now() / 1000 - chain.genesisTime) / sps)
    const produceNext = async () => {
      const slot = Math.max(currentSlot(), (beaconChain.head?.slot ?? -1) + 1)
      await beaconChain.produceBlock(slot)
    }
    if (params.autoProduce ?? true) {
      const tick = () => {
        const slot = currentSlot()
        if (slot > (beaconChain.head?.slot ?? -1)) beaconChain.produceBlock(slot).catch((e) => console.error('devnet: block production failed:', e))
        const nextSlotMs = (chain.genesisTime + (slot + 1) * sps) * 1000
        timer = setTimeout(tick, Math.max(10, nextSlotMs - Date.now() + 5))
      }
      tick()
      const feed = pending?.contracts.priceFeeds?.ethUsd.address
      if (feed) {
        // The devnet is the feed's oracle: a fresh round every half heartbeat keeps it from going stale.
        feedTimer = setInterval(() => {
          postDevnetPrice({ rpc: anvilRpc, chainId: chain.chainId, feed }).catch((e) => console.error('devnet: posting the price failed:', e))
        }, (DEVNET_FEED_HEARTBEAT_SECONDS / 2) * 1000)
        feedTimer.unref()
      }
    }

    const info: DevnetInfo = {
      beaconUrl: server.url,
      rpcUrl: anvil.url,
      chainId: chain.chainId,
      checkpointRoot: toHex(checkpoint?.root ?? beaconChain.head!.root),
      checkpointSlot: checkpoint?.slot ?? beaconChain.head!.slot,
      genesisValidatorsRoot: toHex(chain.genesisValidatorsRoot),
      genesisTime: chain.genesisTime,
      secondsPerSlot: sps,
      headSlot: beaconChain.head!.slot,
      chainConfig: chain.specJson,
      mnemonic: DEV_MNEMONIC,
      accounts,
      ...(pending && { contracts: pending.contracts }),
    }
    if (params.infoFile) {
      await mkdir(path.dirname(params.infoFile), { recursive: true })
      await writeFile(params.infoFile, `${JSON.stringify(info, null, 2)}\n`)
    }
    const srv = server
    return {
      ...info,
      chain: beaconChain,
      anvil,
      produceNext,
      mineBlocks: (count) => beaconChain.mineExecutionBlocks(count),
      async stop() {
        if (timer) clearTimeout(timer)
        if (feedTimer) clearInterval(feedTimer)
        timer = undefined
        params.autoProduce = false
        await srv.close()
        await anvil.stop()
      },
    }
  } catch (e) {
    if (timer) clearTimeout(timer)
    if (feedTimer) clearInterval(feedTimer)
    await server?.close()
    await anvil.stop()
    throw e
  }
}
