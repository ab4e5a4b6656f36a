import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { type PublicClient, createPublicClient, parseGwei } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { BaseError } from '../lib/errors.ts'
import { createRpcClient } from '../lib/rpc/createRpcClient.ts'
import { verified } from '../lib/rpc/verified.ts'
import { broadcastTransaction } from '../lib/wallet/broadcastTransaction.ts'
import { decryptKeystore } from '../lib/wallet/decryptKeystore.ts'
import { TransactionRejectedError } from '../lib/wallet/errors.ts'
import { getTokenMetadata } from '../lib/wallet/getTokenMetadata.ts'
import { parseAmount } from '../lib/wallet/parseAmount.ts'
import { prepareTransfer } from '../lib/wallet/prepareTransfer.ts'
import { signTransfer } from '../lib/wallet/signTransfer.ts'
import type { Token } from '../lib/wallet/token.ts'
import { verifyAddress } from '../lib/wallet/verifyAddress.ts'
import { type CliWarning, collectWarnings } from './collectWarnings.ts'
import { CliFileError, SendCancelledError, UsageError } from './errors.ts'
import { type SendReport, describeSend, formatSendReview } from './formatSendReview.ts'
import type { CliOptions } from './parseCliArgs.ts'
import { type CliInput, readFirstLine, readTerminalLine } from './readTerminalLine.ts'
import { resolveCliNetwork } from './resolveCliNetwork.ts'
import { syncLightClient } from './syncLightClient.ts'
import { pinHeader } from './verifiedAgainst.ts'
import { waitForVerifiedReceipt } from './waitForVerifiedReceipt.ts'

export type RunSendParameters = {
  options: CliOptions
  cwd: string
  fetch?: typeof fetch
  input: CliInput
  stdout: { write(text: string): unknown }
  /** Prompts go here, so stdout carries only the review and the result. */
  stderr: { write(text: string): unknown }
}
export type RunSendReturnType = SendReport & { warnings: CliWarning[] }

/**
 * `latchkey send`: decrypts the keystore, reads balance, nonce, gas (local EVM) and base fee from
 * verified data at one pinned head, shows the review, asks, signs locally, broadcasts to every RPC,
 * and with --wait follows until the receipt is verified against a light-client head.
 */
export async function runSend({ options, cwd, fetch, input, stdout, stderr }: RunSendParameters): Promise<RunSendReturnType> {
  const send = options.send!
  const interactive = input.isTTY === true
  // Everything that needs no chain is checked first, so mistakes cost no sync.
  if (!send.yes && !interactive)
    throw new UsageError({ reason: 'send asks for confirmation on a terminal, and stdin is not one.', hint: 'Pass --yes to send without asking (scripts).' })
  if (send.password.from === 'prompt' && !interactive)
    throw new UsageError({ reason: 'No terminal to ask the keystore password on.', hint: 'Use --password-file FILE or --password-stdin.' })
  const recipient = verifyAddress({ address: send.to })
  const ethAmount = send.token === undefined ? parseAmount({ input: send.amount, decimals: 18, symbol: 'ETH' }) : undefined
  const maxPriorityFeePerGas = send.priorityFeeGwei === undefined ? undefined : parseGwei(send.priorityFeeGwei)

  const keystore = await readText(resolve(cwd, send.keystore), 'keystore file')
  const password = await readPassword({ send, cwd, input, stderr })
  const { privateKey } = await decryptKeystore({ keystore, password })
  const account = privateKeyToAccount(privateKey)

  const net = await resolveCliNetwork({ options, cwd, fetch })
  const client = await syncLightClient({ ...net, checkpoint: options.checkpoint, timeoutMs: options.timeoutMs, fetch })
  const rpc = createRpcClient({ urls: net.rpcs, timeout: options.timeoutMs, fetch })
  // Every read below is at this one verified block: the review shows one consistent state.
  const pinned = await pinHeader({ client, rpc, block: 'latest' })
  const chain = createPublicClient({ transport: verified({ headers: pinned.headers, rpcs: rpc, chainId: net.chainId }) }) as PublicClient

  let token: Token | undefined
  let impersonates: Token | undefined
  let amount = ethAmount
  if (send.token !== undefined) {
    ;({ token, impersonates } = await unwrapping(() => getTokenMetadata({ client: chain, chainId: net.chainId, address: send.token! })))
    amount = parseAmount({ input: send.amount, decimals: token.decimals, symbol: token.symbol })
  }
  const { transaction, review } = await unwrapping(() => prepareTransfer({
    client: chain, chainId: net.chainId, from: account.address, to: recipient, amount: amount!, token,
    baseFeePerGas: pinned.header.baseFeePerGas, maxPriorityFeePerGas, blockNumber: pinned.header.number,
  }))
  const text = formatSendReview({ review, impersonates, against: pinned.against })
  if (!options.json) stdout.write(`${text}\n`)
  if (!send.yes) {
    if (options.json) stderr.write(`${text}\n`)
    const answer = await readTerminalLine({ input, output: stderr, prompt: 'Sign and send this transaction? [y/N] ', hidden: false })
    if (!/^y(es)?$/i.test(answer.trim())) throw new SendCancelledError({ reason: 'not confirmed' })
  }

  const serializedTransaction = await signTransfer({ account, from: review.from, transaction })
  const hash = await broadcastTransaction({ client: chain, serializedTransaction }).catch((error) => {
    if (error instanceof TransactionRejectedError) throw new TransactionRejectedError({ hash: error.hash, cause: unwrapTransportError(error.cause) })
    throw error
  })
  const report = describeSend({ review, impersonates, against: pinned.against, hash })
  if (!send.wait) return { ...report, warnings: collectWarnings({ beacons: client.pool, rpc }) }
  if (!options.json) stdout.write(`broadcast ${hash}; waiting for a verified receipt...\n`)
  const mined = await waitForVerifiedReceipt({ client, rpc, hash, chainId: net.chainId, secondsPerSlot: net.network.chainConfig.SECONDS_PER_SLOT })
  return { ...report, receipt: mined, warnings: collectWarnings({ beacons: client.pool, rpc }) }
}

async function readPassword({ send, cwd, input, stderr }: { send: NonNullable<CliOptions['send']>; cwd: string; input: CliInput; stderr: { write(text: string): unknown } }): Promise<string> {
  const source = send.password
  if (source.from === 'file') return (await readText(resolve(cwd, source.path), 'password file')).replace(/\r?\n$/, '')
  if (source.from === 'stdin' && !input.isTTY) return readFirstLine({ input })
  return readTerminalLine({ input, output: stderr, prompt: `Password for ${send.keystore}: `, hidden: true })
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (cause) {
    throw new CliFileError({ path, what, cause })
  }
}

/** viem wraps a transport's own errors (UnknownRpcError...): the Latchkey error inside says what failed. */
function unwrapTransportError(error: unknown): unknown {
  for (let e = error, depth = 0; e && depth < 6; e = (e as Error).cause, depth++) if (e instanceof BaseError) return e
  return error
}

async function unwrapping<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    throw unwrapTransportError(error)
  }
}
