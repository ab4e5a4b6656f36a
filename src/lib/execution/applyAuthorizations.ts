import type { EVM } from '@ethereumjs/evm'
import { Account, type Address as EthAddress, SECP256K1_ORDER_DIV_2, concatBytes, eoaCode7702RecoverAuthority, hexToBytes } from '@ethereumjs/util'
import type { SignedAuthorization } from './createVerifiedEvm.ts'

const DELEGATION_FLAG = '0xef0100'
const MAX_UINT64 = (1n << 64n) - 1n
const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000'
const toHex = (n: bigint | number) => `0x${BigInt(n).toString(16)}` as const

export type ApplyAuthorizationsParameters = {
  evm: EVM
  authorizations: SignedAuthorization[]
  chainId: bigint
}

/**
 * EIP-7702's set-code step, run before the call (as @ethereumjs/vm's runTx does up to Osaka): each
 * valid authorization bumps its authority's nonce and writes (or, to the zero address, clears) the
 * delegation; an invalid one is skipped. Returns the refund for authorities that already existed
 * (PER_EMPTY_ACCOUNT_COST - PER_AUTH_BASE_COST each), capped later with the other refunds.
 */
export async function applyAuthorizations({ evm, authorizations, chainId }: ApplyAuthorizationsParameters): Promise<bigint> {
  const { common, stateManager, journal } = evm
  let refund = 0n
  for (const a of authorizations) {
    const yParity = BigInt(a.yParity ?? (a.v !== undefined ? Number(a.v) - 27 : 0))
    if (BigInt(a.chainId) !== 0n && BigInt(a.chainId) !== chainId) continue
    if (BigInt(a.nonce) >= MAX_UINT64) continue
    if (BigInt(a.s) > SECP256K1_ORDER_DIV_2 || yParity > 1n) continue
    let authority: EthAddress
    try {
      authority = eoaCode7702RecoverAuthority({ chainId: toHex(a.chainId), address: a.address, nonce: toHex(a.nonce), yParity: toHex(yParity), r: a.r, s: a.s })
    } catch {
      continue
    }
    const existing = await stateManager.getAccount(authority)
    const account = existing ?? new Account()
    journal.addAlwaysWarmAddress(authority.toString())
    // A contract's code is never replaced; only an existing delegation is.
    if (account.isContract()) {
      const code = await stateManager.getCode(authority)
      if (toPrefix(code) !== DELEGATION_FLAG) continue
    }
    if (account.nonce !== BigInt(a.nonce)) continue
    if (existing) refund += common.param('perEmptyAccountCost') - common.param('perAuthBaseGas')
    account.nonce++
    await journal.putAccount(authority, account)
    const delegate = a.address.toLowerCase()
    await stateManager.putCode(authority, delegate === ZERO_ADDRESS ? new Uint8Array() : concatBytes(hexToBytes(DELEGATION_FLAG), hexToBytes(delegate as `0x${string}`)))
  }
  return refund
}

function toPrefix(code: Uint8Array): string {
  return `0x${[...code.slice(0, 3)].map((b) => b.toString(16).padStart(2, '0')).join('')}`
}
