let loading: Promise<typeof import('./createChainEngine.ts')> | undefined

/**
 * The page's one lazy engine chunk (viem's client and the verified transport: createChainEngine),
 * loaded once. A rejected load is not kept: the next call tries again (after a gateway hiccup).
 */
export function loadChainEngine(): Promise<typeof import('./createChainEngine.ts')> {
  loading ??= import('./createChainEngine.ts').catch((error: unknown) => {
    loading = undefined
    throw error
  })
  return loading
}
