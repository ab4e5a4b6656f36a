import { secp256k1 } from '@noble/curves/secp256k1.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { type Address, getAddress } from 'viem'
import { LedgerTokenDescriptorError } from './errors.ts'

// Ledger's production key for ERC-20 descriptors (app-ethereum, "erc20signer"): the device checks
// each descriptor against it; checking here too catches corrupted build data before the device does.
const ledgerErc20PublicKey = Uint8Array.from(
  '045e6c1020c14dc46442fe89f97c0b68cdb15976dc24f24c316e7b30fe4e8cc76b1489150c21514ebf440ff5dea5393d83de5358cd098fce8fd0f81daa94979183'.match(/../g)!.map((b) => parseInt(b, 16)),
)

/**
 * Ledger-signed token descriptors shipped in the build (from @ledgerhq/cryptoassets-evm-signatures),
 * by chain: loaded only when a Ledger signs a token transfer. Never fetched from Ledger's CDN.
 */
const signatureBlobs: Record<number, () => Promise<string>> = {
  1: () => import('@ledgerhq/cryptoassets-evm-signatures/lib-es/data/evm/1/index').then((m) => m.signatures as unknown as string),
}

export type LedgerTokenDescriptor = { ticker: string; contract: Address; decimals: number; chainId: number; /** What the device takes (PROVIDE ERC20 TOKEN INFORMATION). */ hex: string }

export type GetLedgerTokenDescriptorParameters = { chainId: number; contract: Address; /** For tests: another blob in the same format. */ blob?: string; publicKey?: Uint8Array }

/** The device's clear-signing data for a token, from local data; undefined when the build has none (the device then signs blind). */
export async function getLedgerTokenDescriptor({ chainId, contract, blob, publicKey = ledgerErc20PublicKey }: GetLedgerTokenDescriptorParameters): Promise<LedgerTokenDescriptor | undefined> {
  const data = blob ?? (await signatureBlobs[chainId]?.())
  if (!data) return undefined
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0))
  const view = new DataView(bytes.buffer)
  const wanted = contract.toLowerCase()
  // Format: repeated [u32 length][ticker length, ticker, address (20), decimals (u32), chain id (u32), DER signature].
  for (let i = 0; i + 4 <= bytes.length;) {
    const length = view.getUint32(i)
    const item = bytes.subarray(i + 4, i + 4 + length)
    i += 4 + length
    const t = item[0]!
    const address = `0x${[...item.subarray(1 + t, 21 + t)].map((b) => b.toString(16).padStart(2, '0')).join('')}`
    const itemView = new DataView(item.buffer, item.byteOffset, item.byteLength)
    const itemChain = itemView.getUint32(25 + t)
    if (address !== wanted || itemChain !== chainId) continue
    const signed = item.subarray(1, 29 + t)
    const signature = item.subarray(29 + t)
    const valid = (() => {
      try {
        return secp256k1.verify(signature, sha256(signed), publicKey, { format: 'der', prehash: false, lowS: false })
      } catch {
        return false
      }
    })()
    if (!valid) throw new LedgerTokenDescriptorError({ contract: getAddress(contract), chainId })
    return {
      ticker: new TextDecoder().decode(item.subarray(1, 1 + t)),
      contract: getAddress(address),
      decimals: itemView.getUint32(21 + t),
      chainId,
      hex: [...item].map((b) => b.toString(16).padStart(2, '0')).join(''),
    }
  }
  return undefined
}
