import { parseArgs } from 'node:util'
import { isAddress, isHex } from 'viem'
import { UsageError } from './errors.ts'

export const commands = ['head', 'balance', 'nonce', 'code', 'call', 'simulate', 'receipt', 'resolve', 'history', 'send', 'help'] as const
export type Command = (typeof commands)[number]
export type NetworkName = 'mainnet' | 'sepolia' | 'hoodi' | 'devnet'
type Hex = `0x${string}`

export type CliOptions = {
  command: Command
  network: NetworkName
  beacons: string[]
  rpcs: string[]
  checkpoint: Hex | undefined
  devnetInfo: string | undefined
  stateDir: string | undefined
  json: boolean
  timeoutMs: number
  /** 'latest' (optimistic head), 'finalized', or an execution block number. */
  block: 'latest' | 'finalized' | bigint
  /** balance / nonce / code / history: the account; receipt: the transaction hash. */
  target: Hex | undefined
  /** history: extend the proven range back to this block (default: what is stored, or the last 1000 blocks). */
  fromBlock: bigint | undefined
  /**
   * call and simulate (simulate requires `from`). `moreData`: call only, each further `--data`, a
   * call of its own to the same `to` at the same block (one `calls` bundle holds them all).
   */
  call: { to: Hex; data: Hex; moreData: Hex[]; from: Hex | undefined; value: bigint | undefined } | undefined
  send: SendOptions | undefined
  /** resolve: an ENS name or an address, as typed (the name is normalized by the ENS library) */
  ens: { input: string; allowOffchain: boolean } | undefined
  /** balance / nonce / code / call / simulate / receipt: write a proof bundle of the answer to this file. */
  bundle: string | undefined
}

/** `send`: the recipient and amount stay as typed; the wallet library validates them (EIP-55, decimals). */
export type SendOptions = {
  keystore: string
  password: { from: 'file'; path: string } | { from: 'stdin' } | { from: 'prompt' }
  to: string
  amount: string
  token: string | undefined
  priorityFeeGwei: string | undefined
  yes: boolean
  wait: boolean
}

export const usage = `Usage: latchkey <command> [arguments] [options]

Commands (every value printed is verified by the embedded light client, at a head at most 4 slots
behind the clock; each says the block it was verified at and that block's age):
  head                      the verified finalized and optimistic heads, per-endpoint health
  balance ADDRESS           the balance, from an account proof
  nonce ADDRESS             the transaction count, from an account proof
  code ADDRESS              the code, checked against the proven code hash
  call --to ADDRESS --data HEX [--data HEX ...] [--from ADDRESS] [--value WEI]
                            eth_call run locally over proven state; each further --data
                            is another call to the same contract at the same block
  simulate --from ADDRESS --to ADDRESS [--data HEX] [--value WEI]
                            the balance-change preview of a transaction before signing: ETH and
                            token changes, approvals, a revert with its reason, EIP-7702 delegations
  receipt TXHASH            the receipt, checked against the verified receipts root
  resolve NAME|ADDRESS [--allow-offchain]
                            ENS: a name's address, or an address's primary name (checked
                            forward), through the Universal Resolver run locally over proven
                            state; offchain (CCIP-read) answers are refused unless allowed, and
                            are then printed as unverified (exit 3)
  history ADDRESS [--from-block N]
                            every ETH, ERC-20 and ERC-721 transfer to and from the account, and the
                            block range proven complete (kept in the state dir; later runs prove only
                            new blocks, or older ones down to --from-block; default the last 1000)
  verify-bundle FILE [--checkpoint ROOT]
                            re-checks a proof bundle offline (no network at all) and prints its value
  send --keystore FILE --to ADDRESS --amount 1.5 [--token ADDRESS] [--password-file FILE |
       --password-stdin] [--priority-fee-gwei N] [--yes] [--wait]
                            signs locally; nonce, balance, gas and base fee from verified reads;
                            asks on the terminal for the password (no echo) and for confirmation
  verify-app CID --gateway URL [--gateway URL ...] [--build]
                            checks a deployed copy of the app block by block against its CID,
                            and with --build that it is the build of this checkout (verify-app --help)

Options:
  --network NAME            mainnet | sepolia | hoodi | devnet (default mainnet, or devnet with --devnet-info)
  --beacon URL              a beacon API (repeatable; none is trusted; default: the network's built-in list)
  --checkpoint ROOT         a trusted finalized block root to start from
  --devnet-info PATH        the devnet's JSON file (default .latchkey/devnet.json with --network devnet)
  --state-dir DIR           where the verified state is kept (default .latchkey/cli/<network>)
  --rpc URL                 a JSON-RPC endpoint (repeatable; none is trusted; default: the network's built-in list)
  --block TAG               latest | finalized | a block number (default latest)
  --timeout MS              per-request timeout (default 10000)
  --bundle FILE             balance, nonce, code, call, simulate, receipt: also write a proof bundle of the answer
                            (re-checkable offline with verify-bundle, or by anyone)
  --json                    print JSON
  --yes                     send: skip the confirmation (required when stdin is not a terminal)
  --wait                    send: wait until the receipt is verified against a light-client head
  -h, --help                this text

Exit codes: 0 verified, 1 call or simulated transaction reverted (verified), 2 usage, 3 verification failed,
4 endpoints failed or the verified head is not current (HeadNotCurrentError).`

/** The reads whose answer can be written as a proof bundle. */
const bundleCommands: Command[] = ['balance', 'nonce', 'code', 'call', 'simulate', 'receipt']

const networks: NetworkName[] = ['mainnet', 'sepolia', 'hoodi', 'devnet']

/** Parses `latchkey` arguments; throws UsageError with a one-line reason. */
export function parseCliArgs({ argv }: { argv: readonly string[] }): CliOptions {
  refusePasswordFlag(argv)
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (cause) {
    throw new UsageError({ reason: (cause as Error).message.split('\n')[0], hint: 'Run `latchkey --help` for usage.' })
  }
  const { values: v, positionals } = parsed
  const [commandArg, targetArg, ...extra] = positionals
  if (v.help || commandArg === undefined) return { ...defaults(), command: 'help' }
  if (!(commands as readonly string[]).includes(commandArg))
    throw new UsageError({ reason: `Unknown command "${commandArg}".`, hint: `Commands: ${commands.join(', ')}.` })
  const command = commandArg as Command
  if (extra.length > 0) throw new UsageError({ reason: `Unexpected argument "${extra[0]}".` })

  const network = (v.network ?? (v['devnet-info'] ? 'devnet' : 'mainnet')) as NetworkName
  if (!networks.includes(network)) throw new UsageError({ reason: `Unknown network "${network}".`, hint: `Known: ${networks.join(', ')}.` })
  if (v.checkpoint !== undefined && !/^0x[0-9a-fA-F]{64}$/.test(v.checkpoint))
    throw new UsageError({ reason: `--checkpoint "${v.checkpoint}" is not a 32-byte hex block root (0x + 64 hex digits).` })
  for (const url of [...(v.beacon ?? []), ...(v.rpc ?? [])]) checkUrl(url)
  const timeoutMs = v.timeout === undefined ? 10_000 : Number(v.timeout)
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new UsageError({ reason: `--timeout "${v.timeout}" is not a positive number of milliseconds.` })

  let target: Hex | undefined
  const needsAddress = command === 'balance' || command === 'nonce' || command === 'code' || command === 'history'
  if (needsAddress) target = parseAddress(targetArg, 'ADDRESS')
  else if (command === 'receipt') {
    if (targetArg === undefined) throw new UsageError({ reason: 'receipt needs a transaction hash: latchkey receipt TXHASH.' })
    if (!/^0x[0-9a-fA-F]{64}$/.test(targetArg)) throw new UsageError({ reason: `"${targetArg}" is not a transaction hash (0x + 64 hex digits).` })
    target = targetArg.toLowerCase() as Hex
  } else if (command === 'resolve') {
    if (targetArg === undefined || !targetArg.trim()) throw new UsageError({ reason: 'resolve needs an ENS name or an address: latchkey resolve NAME|ADDRESS.' })
    if (/^0x[0-9a-fA-F]{40}$/.test(targetArg)) target = parseAddress(targetArg, 'ADDRESS')
  } else if (targetArg !== undefined) throw new UsageError({ reason: `Unexpected argument "${targetArg}".` })
  if (v['allow-offchain'] && command !== 'resolve') throw new UsageError({ reason: '--allow-offchain is an option of resolve.' })

  let call: CliOptions['call']
  if (command === 'call' || command === 'simulate') {
    if (v.to === undefined) throw new UsageError({ reason: `${command} needs --to ADDRESS.` })
    if (command === 'simulate' && v.from === undefined) throw new UsageError({ reason: 'simulate needs --from ADDRESS (whose balances the preview shows).' })
    const [data = '0x', ...moreData] = v.data ?? []
    for (const d of [data, ...moreData]) if (!isHex(d) || d.length % 2 !== 0) throw new UsageError({ reason: `--data "${d}" is not hex bytes.` })
    if (command === 'simulate' && moreData.length > 0) throw new UsageError({ reason: 'simulate takes one --data (one transaction).' })
    let value: bigint | undefined
    if (v.value !== undefined) {
      if (!/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(v.value)) throw new UsageError({ reason: `--value "${v.value}" is not an amount in wei.` })
      value = BigInt(v.value)
    }
    call = { to: parseAddress(v.to, '--to'), data: data as Hex, moreData: moreData as Hex[], from: v.from === undefined ? undefined : parseAddress(v.from, '--from'), value }
  }
  const send = command === 'send' ? parseSendOptions(v) : undefined
  const ens = command === 'resolve' ? { input: targetArg!.trim(), allowOffchain: v['allow-offchain'] ?? false } : undefined
  let fromBlock: bigint | undefined
  if (v['from-block'] !== undefined) {
    if (command !== 'history') throw new UsageError({ reason: '--from-block is an option of history.' })
    if (!/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(v['from-block'])) throw new UsageError({ reason: `--from-block "${v['from-block']}" is not a block number.` })
    fromBlock = BigInt(v['from-block'])
  }
  if (v.bundle !== undefined && !bundleCommands.includes(command))
    throw new UsageError({ reason: `--bundle works with ${bundleCommands.join(', ')}, not ${command}.` })
  return {
    bundle: v.bundle,
    command, network, target, call, send, ens, timeoutMs, fromBlock,
    beacons: v.beacon ?? [],
    rpcs: v.rpc ?? [],
    checkpoint: v.checkpoint?.toLowerCase() as Hex | undefined,
    devnetInfo: v['devnet-info'],
    stateDir: v['state-dir'],
    json: v.json ?? false,
    block: parseBlock(v.block),
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      network: { type: 'string' },
      beacon: { type: 'string', multiple: true },
      rpc: { type: 'string', multiple: true },
      checkpoint: { type: 'string' },
      'devnet-info': { type: 'string' },
      'state-dir': { type: 'string' },
      block: { type: 'string' },
      'from-block': { type: 'string' },
      timeout: { type: 'string' },
      to: { type: 'string' },
      data: { type: 'string', multiple: true },
      from: { type: 'string' },
      value: { type: 'string' },
      json: { type: 'boolean' },
      bundle: { type: 'string' },
      keystore: { type: 'string' },
      'password-file': { type: 'string' },
      'password-stdin': { type: 'boolean' },
      amount: { type: 'string' },
      token: { type: 'string' },
      'priority-fee-gwei': { type: 'string' },
      yes: { type: 'boolean', short: 'y' },
      wait: { type: 'boolean' },
      'allow-offchain': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
}

function defaults(): Omit<CliOptions, 'command'> {
  return {
    network: 'mainnet', beacons: [], rpcs: [], checkpoint: undefined, devnetInfo: undefined, stateDir: undefined,
    json: false, timeoutMs: 10_000, block: 'latest', target: undefined, fromBlock: undefined, call: undefined, send: undefined, ens: undefined, bundle: undefined,
  }
}

function parseAddress(value: string | undefined, what: string): Hex {
  if (value === undefined) throw new UsageError({ reason: `Missing ${what}.` })
  // Mixed case must carry a valid EIP-55 checksum: a typo in a checksummed address is caught.
  if (!isAddress(value, { strict: true }))
    throw new UsageError({ reason: `${what} "${value}" is not an address${/^0x[0-9a-fA-F]{40}$/.test(value) ? ' (bad EIP-55 checksum)' : ''}.` })
  return value as Hex
}

/**
 * A password given as an argument is readable by every user of the machine (ps, /proc) and lands
 * in shell history, so the option does not exist; say so rather than "unknown option".
 * The value itself is never echoed back.
 */
function refusePasswordFlag(argv: readonly string[]): void {
  if (argv.some((a) => a === '--password' || a.startsWith('--password=')))
    throw new UsageError({
      reason: '--password is not accepted: a password on the command line is visible to other users (ps, /proc) and is kept in shell history.',
      hint: 'Use --password-file FILE, --password-stdin, or type it at the prompt (no echo).',
    })
}

function parseSendOptions(v: ReturnType<typeof parse>['values']): SendOptions {
  if (v.keystore === undefined) throw new UsageError({ reason: 'send needs --keystore FILE (a v3 keystore JSON file).' })
  if (v.to === undefined) throw new UsageError({ reason: 'send needs --to ADDRESS.' })
  if (v.amount === undefined) throw new UsageError({ reason: 'send needs --amount (e.g. 1.5, in ETH or in the token\'s units).' })
  if (v['password-file'] !== undefined && v['password-stdin']) throw new UsageError({ reason: 'Give either --password-file or --password-stdin, not both.' })
  const fee = v['priority-fee-gwei']
  if (fee !== undefined && !/^(\d+\.?\d*|\.\d+)$/.test(fee)) throw new UsageError({ reason: `--priority-fee-gwei "${fee}" is not a number of gwei.` })
  return {
    keystore: v.keystore,
    password: v['password-file'] !== undefined ? { from: 'file', path: v['password-file'] } : v['password-stdin'] ? { from: 'stdin' } : { from: 'prompt' },
    to: v.to,
    amount: v.amount,
    token: v.token,
    priorityFeeGwei: fee,
    yes: v.yes ?? false,
    wait: v.wait ?? false,
  }
}

function parseBlock(value: string | undefined): CliOptions['block'] {
  if (value === undefined || value === 'latest') return 'latest'
  if (value === 'finalized' || value === 'safe') return 'finalized'
  if (/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(value)) return BigInt(value)
  throw new UsageError({ reason: `--block "${value}" is not latest, finalized or a block number.` })
}

/** Throws UsageError unless `url` is an http(s) URL. */
export function checkUrl(url: string): void {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new UsageError({ reason: `"${url}" is not a URL.` })
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new UsageError({ reason: `"${url}" is not an http(s) URL.` })
}
