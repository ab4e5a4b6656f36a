import { ExternalSignerMethodError } from './errors.ts'

/** The one method of an EIP-1193 provider we use. */
export type Eip1193Request = (args: { method: string; params?: readonly unknown[] | object }) => Promise<unknown>

/** Signing and account access only; every read (balances, receipts, calls) must go through the verified transport. */
export const externalSignerMethods = [
  'eth_requestAccounts',
  'eth_accounts',
  'eth_chainId',
  'wallet_switchEthereumChain',
  'personal_sign',
  'eth_signTypedData_v4',
  'eth_signTransaction',
  'eth_sendTransaction',
] as const

/** Wraps an injected wallet so nothing but the allowed methods can ever reach it. */
export function guardExternalProvider({ provider }: { provider: { request: Eip1193Request } }): Eip1193Request {
  const allowed = new Set<string>(externalSignerMethods)
  return (args) => {
    if (!allowed.has(args.method)) return Promise.reject(new ExternalSignerMethodError({ method: args.method }))
    return provider.request(args)
  }
}
