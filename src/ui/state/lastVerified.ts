import type { Address, Hex } from 'viem'
import type { LastVerifiedKey, LastVerifiedValue } from '../../lib/wallet/lastVerifiedStore.ts'
import type { VerifiedAt } from './balanceState.svelte.ts'
import type { NetworkSettings } from '../../lib/settings/settingsData.ts'

/**
 * A value verified in an earlier visit, read back from storage: shown with its block and age and
 * always as stale (never current, however young its block), until this visit verifies a value.
 */
export type Remembered<T> = { value: T } & VerifiedAt & { remembered: true; savedAt: number }

export function lastVerifiedKey({ network, address, asset }: { network: NetworkSettings; address: Address; asset: 'eth' | Hex }): LastVerifiedKey {
  return { networkId: network.id, chainId: network.chainId, genesisValidatorsRoot: network.genesisValidatorsRoot, address, asset }
}

export function toLastVerifiedValue(read: { value: bigint } & VerifiedAt): LastVerifiedValue {
  return { value: read.value, block: read.block, blockHash: read.blockHash, slot: read.slot, timestamp: read.timestamp, atCheckpoint: read.atCheckpoint, savedAt: Date.now() }
}

export function toRemembered(kept: LastVerifiedValue): Remembered<bigint> {
  return { value: kept.value, block: kept.block, blockHash: kept.blockHash, slot: kept.slot, timestamp: kept.timestamp, atCheckpoint: kept.atCheckpoint, remembered: true, savedAt: kept.savedAt }
}
