import { createRpcClient } from '../lib/rpc/createRpcClient.ts'
import { describeHead } from './describeHead.ts'
import { fetchVerifiedReceipt } from './fetchVerifiedReceipt.ts'
import type { CliResult } from './formatText.ts'
import type { CliOptions } from './parseCliArgs.ts'
import { readVerified } from './readVerified.ts'
import { resolveCliNetwork } from './resolveCliNetwork.ts'
import { syncLightClient } from './syncLightClient.ts'

export type RunCommandParameters = { options: CliOptions; cwd: string; fetch?: typeof fetch }

/** Syncs the light client, then answers the command with verified data (throws typed errors otherwise). */
export async function runCommand({ options, cwd, fetch }: RunCommandParameters): Promise<CliResult> {
  const net = await resolveCliNetwork({ options, cwd, fetch })
  const client = await syncLightClient({ ...net, checkpoint: options.checkpoint, timeoutMs: options.timeoutMs, fetch })
  if (options.command === 'head') return { kind: 'head', ...describeHead({ client, chainId: net.chainId }) }
  const rpc = createRpcClient({ urls: net.rpcs, timeout: options.timeoutMs, fetch })
  if (options.command === 'receipt') return fetchVerifiedReceipt({ client, rpc, hash: options.target!, chainId: net.chainId })
  return readVerified({ options, client, rpc, chainId: net.chainId })
}
