import { createRpcClient } from '../lib/rpc/createRpcClient.ts'
import { type CliWarning, collectWarnings } from './collectWarnings.ts'
import { describeHead } from './describeHead.ts'
import { fetchVerifiedReceipt } from './fetchVerifiedReceipt.ts'
import type { CliResult } from './formatText.ts'
import type { CliOptions } from './parseCliArgs.ts'
import { readVerified } from './readVerified.ts'
import { runHistory } from './runHistory.ts'
import { resolveCliNetwork } from './resolveCliNetwork.ts'
import { resolveVerified } from './resolveVerified.ts'
import { simulateVerified } from './simulateVerified.ts'
import { type RunSendParameters, runSend } from './runSend.ts'
import { syncLightClient } from './syncLightClient.ts'
import { waitForProvableHead } from './waitForProvableHead.ts'

export type RunCommandParameters = {
  options: CliOptions
  cwd: string
  fetch?: typeof fetch
  /** `send` only: the terminal it prompts on, and where the review goes before signing. */
  terminal?: Omit<RunSendParameters, 'options' | 'cwd' | 'fetch'>
  /** `history` only: where progress lines go (a terminal's stderr). */
  progress?: (line: string) => void
}

export type RunCommandReturnType = CliResult & { warnings: CliWarning[] }

/**
 * Syncs the light client, then answers the command with verified data (throws typed errors
 * otherwise), with a warning for each endpoint that was caught lying on the way.
 */
export async function runCommand({ options, cwd, fetch, terminal, progress }: RunCommandParameters): Promise<RunCommandReturnType> {
  if (options.command === 'send') {
    if (!terminal) throw new Error('send needs a terminal (stdin, stdout, stderr)')
    return runSend({ options, cwd, fetch, ...terminal })
  }
  const net = await resolveCliNetwork({ options, cwd, fetch })
  const client = await syncLightClient({ ...net, checkpoint: options.checkpoint, timeoutMs: options.timeoutMs, fetch })
  if (options.command === 'head') return { kind: 'head', ...describeHead({ client, chainId: net.chainId }), warnings: collectWarnings({ beacons: client.pool }) }
  if (options.bundle) await waitForProvableHead({ client, timeoutMs: options.timeoutMs })
  const rpc = createRpcClient({ urls: net.rpcs, timeout: options.timeoutMs, fetch })
  const result = await (() => {
    switch (options.command) {
      case 'simulate': return simulateVerified({ options, client, rpc, chainId: net.chainId, cwd })
      case 'resolve': return resolveVerified({ options, client, rpc, chainId: net.chainId, contracts: net.contracts, networkName: options.network })
      case 'history': return runHistory({ options, client, rpc, chainId: net.chainId, stateDir: net.stateDir, progress })
      case 'receipt': return fetchVerifiedReceipt({ client, rpc, hash: options.target!, chainId: net.chainId, bundle: options.bundle, cwd })
      default: return readVerified({ options, client, rpc, chainId: net.chainId, cwd })
    }
  })()
  return { ...result, warnings: collectWarnings({ beacons: client.pool, rpc }) }
}
