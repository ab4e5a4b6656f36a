import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough, Readable } from 'node:stream'
import { type Hex, getAddress, pad, parseEther, parseUnits, toHex } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Devnet } from '../../scripts/devnet/startDevnet.ts'
import type { CliIo } from '../../src/cli/main.ts'
import { headLimitSeconds } from '../../src/lib/consensus/getFreshness.ts'
import { encryptKeystore } from '../../src/lib/wallet/encryptKeystore.ts'
import { startTestDevnet } from '../helpers/devnet.ts'
import { startFaultProxy } from '../helpers/faultProxy.ts'
import { deployTestToken } from '../helpers/deployTestToken.ts'
import { runCliCaptured } from '../helpers/runCliCaptured.ts'
import { waitForAttestedBlock } from '../helpers/waitForAttestedBlock.ts'

// `latchkey send` against the devnet, in-process: a dev account exported as a v3 keystore
// (low scrypt N: only the test's speed depends on it), its password in a file.
let devnet: Devnet
let dir: string
let keystoreFile: string
let passwordFile: string
let flags: string[]
const password = 'correct horse battery staple'
const sender = () => mnemonicToAccount(devnet.mnemonic, { addressIndex: 4 })
const recipient = '0x000000000000000000000000000000000000cafE'
let tokenAddress: `0x${string}`

/** A non-terminal stdin (a script's pipe): empty unless given text. */
const pipe = (text = '') => Readable.from(text ? [text] : []) as unknown as CliIo['stdin']

const cli = (args: string[], stdin: CliIo['stdin'] = pipe(), onStderr?: (text: string) => void) => runCliCaptured(args, { cwd: dir, stdin, onStderr })

async function anvil<T>(method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(devnet.rpcUrl, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  })
  const body = (await response.json()) as { result: T; error?: unknown }
  if (body.error) throw new Error(JSON.stringify(body.error))
  return body.result
}
const balanceAt = async (address: string, block: string) => BigInt(await anvil<string>('eth_getBalance', [address, block]))
const tokenBalanceAt = async (address: string, block: string) =>
  BigInt(await anvil<string>('eth_call', [{ to: tokenAddress, data: `0x70a08231${pad(address as Hex).slice(2)}` }, block]))
const pendingNonce = async () => Number(BigInt(await anvil<string>('eth_getTransactionCount', [sender().address, 'pending'])))
const hex = (n: string | bigint) => toHex(BigInt(n))

/**
 * A JSON-RPC endpoint in front of anvil that logs the methods it is asked and, when rejecting,
 * answers eth_sendRawTransaction with an error itself (anvil never sees the transaction).
 */
async function startRpcShim({ reject }: { reject: boolean }) {
  const methods: string[] = []
  const server: Server = createServer(async (req, res) => {
    let body = ''
    for await (const chunk of req) body += chunk
    const parsed = JSON.parse(body) as { id: number; method: string } | { id: number; method: string }[]
    const calls = Array.isArray(parsed) ? parsed : [parsed]
    methods.push(...calls.map((c) => c.method))
    let text: string
    if (reject && calls.some((c) => c.method === 'eth_sendRawTransaction')) {
      const answers = calls.map((c) => ({ jsonrpc: '2.0', id: c.id, error: { code: -32003, message: 'transaction underpriced' } }))
      text = JSON.stringify(Array.isArray(parsed) ? answers : answers[0])
    } else {
      text = await (await fetch(devnet.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).text()
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(text)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    methods,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()) }),
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'latchkey-send-'))
  const infoFile = join(dir, 'devnet.json')
  devnet = await startTestDevnet({ periods: 1, infoFile })
  flags = ['--devnet-info', infoFile, '--state-dir', join(dir, 'state')]
  const privateKey = toHex(sender().getHdKey().privateKey!)
  keystoreFile = join(dir, 'key.json')
  passwordFile = join(dir, 'password.txt')
  await writeFile(keystoreFile, JSON.stringify(await encryptKeystore({ privateKey, password, scrypt: { n: 1024 } })))
  await writeFile(passwordFile, `${password}\n`)
  // An OpenZeppelin ERC-20 compiled from source, 1000 TST sent to the sender by a dev account no test uses.
  const holders = [{ address: sender().address, amount: parseUnits('1000', 6) }]
  const deployed = await deployTestToken({ rpcUrl: devnet.rpcUrl, symbol: 'TST', decimals: 6, holders })
  tokenAddress = deployed.address
  // The CLI reads at its verified head: wait until an update attests the transfer.
  await waitForAttestedBlock({ beaconUrl: devnet.beaconUrl, blockNumber: deployed.blockNumber })
}, 60_000)
afterAll(async () => {
  await devnet?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('latchkey send on the devnet', () => {
  it('sends ETH with --yes --wait: exit 0, receipt verified, the recipient gets exactly the amount', async () => {
    const { code, stdout, stderr } = await cli(['send', '--keystore', keystoreFile, '--password-file', passwordFile, '--to', recipient, '--amount', '1.5', '--yes', '--wait', ...flags, '--json'])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const out = JSON.parse(stdout)
    expect(out).toMatchObject({
      kind: 'send', from: sender().address, to: recipient, amount: parseEther('1.5').toString(), gas: '21000',
      asset: { symbol: 'ETH', decimals: 18, token: null, impersonates: null }, receipt: { status: 'success' },
    })
    // The review's reads were at a verified block: anvil's nonce and base fee there.
    const readAt = hex(out.readAt.blockNumber)
    expect(out.nonce).toBe(Number(BigInt(await anvil<string>('eth_getTransactionCount', [sender().address, readAt]))))
    expect(out.baseFeePerGas).toBe(BigInt((await anvil<{ baseFeePerGas: string }>('eth_getBlockByNumber', [readAt, false])).baseFeePerGas).toString())
    expect(BigInt(out.maxFeePerGas)).toBe(2n * BigInt(out.baseFeePerGas) + BigInt(out.maxPriorityFeePerGas))
    // The receipt is anvil's, verified against a block the light client vouches for.
    const real = await anvil<{ blockHash: string; blockNumber: string; status: string }>('eth_getTransactionReceipt', [out.hash])
    expect(real.status).toBe('0x1')
    expect(out.receipt).toMatchObject({ blockHash: real.blockHash, blockNumber: BigInt(real.blockNumber).toString() })
    expect(BigInt(out.receipt.verifiedAgainst.blockNumber)).toBeGreaterThanOrEqual(BigInt(real.blockNumber))
    const mined = BigInt(real.blockNumber)
    expect((await balanceAt(recipient, hex(mined))) - (await balanceAt(recipient, hex(mined - 1n)))).toBe(parseEther('1.5'))
  })

  it('sends an ERC-20 (an OpenZeppelin token) with text output: the token balances move by the amount', async () => {
    const { code, stdout, stderr } = await cli(['send', '--keystore', keystoreFile, '--password-file', passwordFile, '--to', recipient, '--amount', '7.25', '--token', tokenAddress, '--priority-fee-gwei', '2', '--yes', '--wait', ...flags])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toMatch(new RegExp(`^from {6}0x[0-9a-fA-F]{40}\nto {8}0x000000000000000000000000000000000000cafE\nasset {5}TST \\(ERC-20 ${getAddress(tokenAddress)}, 6 decimals\\)\n`))
    expect(stdout).toMatch(/\namount {4}7\.25 TST\n/)
    expect(stdout).toMatch(/\nfees {6}base [\d.]+ gwei \+ tip 2 gwei/)
    expect(stdout).toMatch(/\ntotal {5}7\.25 TST \+ at most [\d.]+ ETH in fees\n/)
    const hash = stdout.match(/transaction (0x[0-9a-f]{64}): success in block (\d+)/)
    expect(hash).not.toBeNull()
    expect(stdout).toMatch(/receipt verified against block \d+/)
    const mined = BigInt(hash![2])
    expect(await tokenBalanceAt(recipient, hex(mined))).toBe(parseUnits('7.25', 6))
    expect(await tokenBalanceAt(recipient, hex(mined - 1n))).toBe(0n)
    expect(await tokenBalanceAt(sender().address, hex(mined))).toBe(parseUnits('992.75', 6))
  })

  it('refuses a wrong password, --password, and an amount beyond the balance (exit 2, nothing broadcast)', async () => {
    const before = await pendingNonce()
    const wrongFile = join(dir, 'wrong.txt')
    await writeFile(wrongFile, 'not it\n')
    const wrong = await cli(['send', '--keystore', keystoreFile, '--password-file', wrongFile, '--to', recipient, '--amount', '1', '--yes', ...flags])
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toBe('latchkey: WrongPasswordError: Wrong password for this keystore.\n')

    const flag = await cli(['send', '--keystore', keystoreFile, '--password', password, '--to', recipient, '--amount', '1', '--yes', ...flags, '--json'])
    expect(flag.code).toBe(2)
    expect(flag.stderr).toMatch(/^latchkey: UsageError: --password is not accepted: a password on the command line is visible to other users \(ps, \/proc\) and is kept in shell history\.\n {2}Use --password-file FILE, --password-stdin/)
    expect(flag.stderr + flag.stdout).not.toContain(password)
    expect((await cli(['send', `--password=${password}`, ...flags])).code).toBe(2)

    // Over the verified balance: the wallet refuses before signing.
    const tooMuch = await cli(['send', '--keystore', keystoreFile, '--password-file', passwordFile, '--to', recipient, '--amount', '1000000', '--yes', ...flags])
    expect(tooMuch.code).toBe(2)
    expect(tooMuch.stderr).toMatch(/^latchkey: InsufficientBalanceError: The amount \(1000000 ETH\) is more than the balance \([\d.]+ ETH\) verified at block \d+\.\n$/)
    const tokens = await cli(['send', '--keystore', keystoreFile, '--password-file', passwordFile, '--to', recipient, '--amount', '5000', '--token', tokenAddress, '--yes', ...flags])
    expect(tokens.code).toBe(2)
    expect(tokens.stderr).toMatch(/^latchkey: InsufficientBalanceError: The amount \(5000 TST\) is more than the balance \(992\.75 TST\)/)
    // Bad checksum and too many decimals, with the wallet's messages.
    const checksum = await cli(['send', '--keystore', keystoreFile, '--password-file', passwordFile, '--to', '0x000000000000000000000000000000000000CAfE', '--amount', '1', '--yes', ...flags])
    expect(checksum.code).toBe(2)
    expect(checksum.stderr).toMatch(/^latchkey: InvalidAddressChecksumError: The address "0x000000000000000000000000000000000000CAfE" has a wrong EIP-55 checksum/)
    const decimals = await cli(['send', '--keystore', keystoreFile, '--password-file', passwordFile, '--to', recipient, '--amount', '1.1234567', '--token', tokenAddress, '--yes', ...flags])
    expect(decimals.code).toBe(2)
    expect(decimals.stderr).toContain('TooManyDecimalsError: "1.1234567" has more decimal places than TST allows (6).')
    expect(await pendingNonce()).toBe(before)
  })

  it('without --yes on a pipe is a usage error; --password-stdin reads the pipe', async () => {
    const before = await pendingNonce()
    const noYes = await cli(['send', '--keystore', keystoreFile, '--password-file', passwordFile, '--to', recipient, '--amount', '1', ...flags])
    expect(noYes.code).toBe(2)
    expect(noYes.stderr).toBe('latchkey: UsageError: send asks for confirmation on a terminal, and stdin is not one.\n  Pass --yes to send without asking (scripts).\n')
    const noPassword = await cli(['send', '--keystore', keystoreFile, '--to', recipient, '--amount', '1', '--yes', ...flags])
    expect(noPassword.code).toBe(2)
    expect(noPassword.stderr).toContain('No terminal to ask the keystore password on.')
    expect(await pendingNonce()).toBe(before)

    const piped = await cli(['send', '--keystore', keystoreFile, '--password-stdin', '--to', recipient, '--amount', '0.01', '--yes', '--wait', ...flags, '--json'], pipe(`${password}\n`))
    expect(piped.stderr).toBe('')
    expect(piped.code).toBe(0)
    expect(JSON.parse(piped.stdout)).toMatchObject({ hash: expect.stringMatching(/^0x[0-9a-f]{64}$/), amount: parseEther('0.01').toString() })
    expect(JSON.parse(piped.stdout).receipt).toMatchObject({ status: 'success' })
    expect(await pendingNonce()).toBe(before + 1)
  })

  it('on a terminal: the password prompt does not echo, and declining sends nothing', async () => {
    const tty = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => tty })
    const before = await pendingNonce()
    let prompted = 0
    const answer = (text: string) => {
      // Each answer is typed once its prompt is shown (one keystroke chunk per prompt).
      if (text.startsWith('Password for') && prompted++ === 0) setImmediate(() => tty.write(`${password}\r`))
      if (text.startsWith('Sign and send')) setImmediate(() => tty.write('n\r'))
    }
    const { code, stdout, stderr } = await cli(['send', '--keystore', keystoreFile, '--to', recipient, '--amount', '0.5', ...flags], tty, answer)
    expect(stderr).toMatch(/^Password for .*key\.json: \nSign and send this transaction\? \[y\/N\] n\nlatchkey: SendCancelledError: Nothing was sent: not confirmed\.\n$/)
    expect(stderr + stdout).not.toContain(password)
    expect(stdout).toMatch(/^from {6}0x[0-9a-fA-F]{40}\n[\s\S]*\namount {4}0\.5 ETH\n[\s\S]*\ntotal {5}at most 0\.5\d* ETH\n/)
    expect(code).toBe(2)
    expect(await pendingNonce()).toBe(before)
  })

  it('broadcasts to every --rpc; an RPC rejection exits 4 with the node\'s reason', async () => {
    const [a, b] = await Promise.all([startRpcShim({ reject: false }), startRpcShim({ reject: false })])
    const [x, y] = await Promise.all([startRpcShim({ reject: true }), startRpcShim({ reject: true })])
    try {
      const sent = await cli(['send', '--keystore', keystoreFile, '--password-file', passwordFile, '--to', recipient, '--amount', '0.02', '--yes', ...flags, '--rpc', a.url, '--rpc', b.url])
      expect(sent.stderr).toBe('')
      expect(sent.code).toBe(0)
      expect(sent.stdout).toMatch(/\nsent 0x[0-9a-f]{64} \(hash computed locally; not waiting for the receipt\)\n$/)
      // Sent to both at once; the second delivery may land just after the first answer.
      // (No --wait: the next send in a script would meet "nonce too low" until a verified head covers this one.)
      await vi.waitUntil(() => b.methods.includes('eth_sendRawTransaction'), { timeout: 30_000, interval: 50 })
      expect(a.methods).toContain('eth_sendRawTransaction')
      expect(b.methods).toContain('eth_sendRawTransaction')

      const before = await pendingNonce()
      const rejected = await cli(['send', '--keystore', keystoreFile, '--password-file', passwordFile, '--to', recipient, '--amount', '0.02', '--yes', ...flags, '--rpc', x.url, '--rpc', y.url, '--json'])
      expect(rejected.code).toBe(4)
      expect(rejected.stderr).toMatch(/^latchkey: TransactionRejectedError: The network rejected the transaction: .*transaction underpriced/)
      expect(JSON.parse(rejected.stdout)).toMatchObject({ verified: false, exitCode: 4, error: { name: 'TransactionRejectedError' } })
      expect(x.methods).toContain('eth_sendRawTransaction')
      expect(await pendingNonce()).toBe(before)
    } finally {
      await Promise.all([a, b, x, y].map((s) => s.close()))
    }
  })

  it('refuses to build a transaction from a head past the freshness limit (exit 4, HeadNotCurrentError, nothing signed or broadcast)', async () => {
    const beacon = await startFaultProxy({ target: devnet.beaconUrl })
    const rpc = await startRpcShim({ reject: false })
    try {
      // The only beacon API stops following the chain: it keeps serving this moment's heads.
      const get = (route: string) => fetch(`${devnet.beaconUrl}/eth/v1/beacon/light_client/${route}`).then((r) => r.text())
      const [finality, optimistic] = await Promise.all([get('finality_update'), get('optimistic_update')])
      const frozen = JSON.parse(optimistic).data.attested_header
      beacon.setRules([
        { match: /finality_update/, fault: { kind: 'respond', status: 200, body: finality } },
        { match: /optimistic_update/, fault: { kind: 'respond', status: 200, body: optimistic } },
      ])
      const limit = headLimitSeconds({ secondsPerSlot: devnet.secondsPerSlot })
      while (Date.now() / 1000 - Number(frozen.execution.timestamp) <= limit + 0.5) await new Promise((r) => setTimeout(r, 100))
      const before = await pendingNonce()
      const { code, stdout, stderr } = await cli(['send', '--keystore', keystoreFile, '--password-file', passwordFile, '--to', recipient, '--amount', '0.01', '--yes', ...flags, '--beacon', beacon.url, '--rpc', rpc.url, '--json'])
      expect(code).toBe(4)
      expect(stderr).toMatch(/^latchkey: HeadNotCurrentError: The newest verified head, block \d+ \(slot \d+\), is (\d+\.\d s|\d+ min) old( \(the light client is stalled\))?, past the limit of 12 s\.\n {2}Nonce, balance and fees from it would be stale/)
      expect(JSON.parse(stdout)).toMatchObject({ verified: false, exitCode: 4, error: { name: 'HeadNotCurrentError', head: { limitSeconds: limit } } })
      // Refused before any read for the transaction: no proof asked, nothing broadcast.
      expect(rpc.methods).not.toContain('eth_sendRawTransaction')
      expect(rpc.methods).not.toContain('eth_getProof')
      expect(await pendingNonce()).toBe(before)
    } finally {
      await Promise.all([beacon.close(), rpc.close()])
    }
  })
})
