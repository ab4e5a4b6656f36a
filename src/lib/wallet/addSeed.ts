import { newId } from './accountIds.ts'
import type { VaultContents } from './vaultContents.ts'
import { verifyMnemonic } from './verifyMnemonic.ts'

export type AddSeedParameters = { contents: VaultContents; mnemonic: string; passphrase?: string }
export type AddSeedReturnType = { contents: VaultContents; seedId: string }

/** Stores a (validated) recovery phrase; the same phrase + passphrase is stored once. */
export function addSeed({ contents, mnemonic, passphrase }: AddSeedParameters): AddSeedReturnType {
  const normalized = verifyMnemonic({ mnemonic })
  const existing = contents.seeds.find((s) => s.mnemonic === normalized && (s.passphrase ?? '') === (passphrase ?? ''))
  if (existing) return { contents, seedId: existing.id }
  const seed = { id: newId(), mnemonic: normalized, ...(passphrase ? { passphrase } : {}) }
  return { contents: { ...contents, seeds: [...contents.seeds, seed] }, seedId: seed.id }
}
