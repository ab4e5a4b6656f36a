import { timeAtSlot } from './clock.ts'
import { CheckpointTooOldError } from './errors.ts'

export type VerifyCheckpointAgeParameters = { slot: number; nowMs: number; genesisTime: number; secondsPerSlot: number; maxAgeSeconds: number }

/**
 * Refuses a trusted start older than the weak-subjectivity period (CheckpointTooOldError): past
 * it, the committees it names may have signed another chain without any slashing to deter them.
 */
export function verifyCheckpointAge({ slot, nowMs, genesisTime, secondsPerSlot, maxAgeSeconds }: VerifyCheckpointAgeParameters): void {
  const ageSeconds = nowMs / 1000 - timeAtSlot({ slot, genesisTime, secondsPerSlot })
  if (ageSeconds > maxAgeSeconds) throw new CheckpointTooOldError({ slot, ageSeconds, maxAgeSeconds })
}
