import type { Address } from 'viem'
import { recoverAuthorizationAddress } from 'viem/utils'

/**
 * The authorities of a type-4 transaction's authorizations (EIP-7702), recovered from their
 * signatures; an unrecoverable one is left out (it changes nothing). Its own module, imported
 * statically from `viem/utils` so the build takes the one file (viemDirectImports): a dynamic
 * `import('viem/utils')` loads that whole index, and with it viem's `call` and its bytecodes.
 */
export async function recoverAuthorities(authorizationList: readonly unknown[]): Promise<Address[]> {
  const recover = recoverAuthorizationAddress as (args: { authorization: unknown }) => Promise<Address>
  const recovered = await Promise.all(authorizationList.map((authorization) => recover({ authorization }).catch(() => undefined)))
  return recovered.filter((a): a is Address => a !== undefined)
}
