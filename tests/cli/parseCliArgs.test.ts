import { once } from 'node:events'
import { type AddressInfo, createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { UsageError } from '../../src/cli/errors.ts'
import { exitCodeOf } from '../../src/cli/exitCodeOf.ts'
import { parseCliArgs } from '../../src/cli/parseCliArgs.ts'
import { resolveCliNetwork } from '../../src/cli/resolveCliNetwork.ts'
import { defaultBeaconApis } from '../../src/lib/consensus/networks.ts'
import { defaultRpcs } from '../../src/lib/rpc/defaultRpcs.ts'
import { CheckpointTooOldError, InvalidSyncSignatureError, NoCheckpointError } from '../../src/lib/consensus/errors.ts'
import { AllEndpointsFailedError, NetworkError } from '../../src/lib/endpoints/errors.ts'
import { AccountProofMismatchError } from '../../src/lib/execution/errors.ts'
import { AllProvidersFailedError, CallRevertedError } from '../../src/lib/rpc/errors.ts'
import { runCliCaptured } from '../helpers/runCliCaptured.ts'

const ADDRESS = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const parse = (...argv: string[]) => parseCliArgs({ argv })

describe('parseCliArgs', () => {
  it('reads the head and read commands with their flags', () => {
    expect(parse('head', '--network', 'sepolia', '--beacon', 'http://a', '--beacon', 'https://b/', '--json')).toMatchObject({
      command: 'head', network: 'sepolia', beacons: ['http://a', 'https://b/'], json: true, block: 'latest',
    })
    expect(parse('balance', ADDRESS, '--rpc', 'http://r', '--block', 'finalized')).toMatchObject({ command: 'balance', target: ADDRESS, rpcs: ['http://r'], block: 'finalized' })
    expect(parse('nonce', ADDRESS.toLowerCase(), '--rpc', 'http://r', '--block', '0x10').block).toBe(16n)
    expect(parse('head', '--devnet-info', 'x.json').network).toBe('devnet')
    expect(parse('call', '--to', ADDRESS, '--data', '0x70a08231', '--value', '5', '--network', 'devnet').call).toEqual({ to: ADDRESS, data: '0x70a08231', moreData: [], from: undefined, value: 5n })
    // Each further --data is another call to the same contract at the same block (one calls bundle).
    expect(parse('call', '--to', ADDRESS, '--data', '0x313ce567', '--data', '0xfeaf968c', '--network', 'devnet').call).toEqual({ to: ADDRESS, data: '0x313ce567', moreData: ['0xfeaf968c'], from: undefined, value: undefined })
    expect(parse('simulate', '--from', ADDRESS, '--to', ADDRESS, '--value', '7').call).toEqual({ to: ADDRESS, data: '0x', moreData: [], from: ADDRESS, value: 7n })
    const root = `0x${'Ab'.repeat(32)}`
    expect(parse('head', '--checkpoint', root).checkpoint).toBe(root.toLowerCase())
    expect(parse().command).toBe('help')
    expect(parse('balance', '--help').command).toBe('help')
  })

  it('reads history ADDRESS [--from-block N] and refuses a bad start', () => {
    expect(parseCliArgs({ argv: ['history', ADDRESS] })).toMatchObject({ command: 'history', target: ADDRESS, fromBlock: undefined })
    expect(parseCliArgs({ argv: ['history', ADDRESS, '--from-block', '0x10', '--json'] })).toMatchObject({ fromBlock: 16n, json: true })
    expect(() => parseCliArgs({ argv: ['history'] })).toThrow(UsageError)
    expect(() => parseCliArgs({ argv: ['history', ADDRESS, '--from-block', 'yesterday'] })).toThrow(/not a block number/)
    expect(() => parseCliArgs({ argv: ['balance', ADDRESS, '--from-block', '5'] })).toThrow(/option of history/)
  })

  it('on the built-in networks uses the build\'s default beacon APIs and RPCs unless --beacon / --rpc replace them', async () => {
    const resolve = (...argv: string[]) => resolveCliNetwork({ options: parse(...argv), cwd: '/tmp' })
    for (const name of ['mainnet', 'sepolia', 'hoodi'] as const) {
      const net = await resolve('balance', ADDRESS, '--network', name)
      expect(net).toMatchObject({ beaconApis: defaultBeaconApis[name], rpcs: defaultRpcs[name], chainId: net.network.chainConfig.DEPOSIT_CHAIN_ID })
    }
    expect(await resolve('balance', ADDRESS)).toMatchObject({ beaconApis: defaultBeaconApis.mainnet, rpcs: defaultRpcs.mainnet, chainId: 1 })
    expect(await resolve('balance', ADDRESS, '--rpc', 'https://mine.example/rpc')).toMatchObject({ beaconApis: defaultBeaconApis.mainnet, rpcs: ['https://mine.example/rpc'] })
    expect(await resolve('head', '--beacon', 'https://bn.example')).toMatchObject({ beaconApis: ['https://bn.example'], rpcs: defaultRpcs.mainnet })
  })

  it.each([
    [['frobnicate'], /Unknown command "frobnicate"/],
    [['head', '--nope'], /Unknown option '--nope'/],
    [['head', '--network', 'goerli'], /Unknown network "goerli"/],
    [['head', '--checkpoint', '0x1234'], /--checkpoint "0x1234" is not a 32-byte hex block root/],
    [['head', '--beacon', 'ftp://x'], /"ftp:\/\/x" is not an http\(s\) URL/],
    [['balance', '0x1234', '--rpc', 'http://r'], /ADDRESS "0x1234" is not an address\./],
    [['balance', ADDRESS.replace('f39F', 'F39F'), '--rpc', 'http://r'], /bad EIP-55 checksum/],
    [['receipt', '0xabc', '--rpc', 'http://r'], /is not a transaction hash/],
    [['call', '--data', '0x', '--rpc', 'http://r'], /call needs --to ADDRESS/],
    [['simulate', '--to', ADDRESS, '--rpc', 'http://r'], /simulate needs --from ADDRESS/],
    [['simulate', '--from', ADDRESS, '--rpc', 'http://r'], /simulate needs --to ADDRESS/],
    [['call', '--to', ADDRESS, '--data', '0xzz', '--rpc', 'http://r'], /--data "0xzz" is not hex bytes/],
    [['call', '--to', ADDRESS, '--data', '0x', '--data', '0xzz', '--rpc', 'http://r'], /--data "0xzz" is not hex bytes/],
    [['simulate', '--from', ADDRESS, '--to', ADDRESS, '--data', '0x', '--data', '0x12', '--rpc', 'http://r'], /simulate takes one --data/],
    [['nonce', ADDRESS, '--rpc', 'http://r', '--block', 'pending'], /--block "pending" is not latest, finalized or a block number/],
    [['head', 'extra'], /Unexpected argument "extra"/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parse(...argv)).toThrow(UsageError)
    expect(() => parse(...argv)).toThrow(message)
  })
})

describe('exitCodeOf', () => {
  const fault = new InvalidSyncSignatureError({ signatureSlot: 2, attestedSlot: 1 })
  it.each([
    [new UsageError({ reason: 'x' }), 2],
    [fault, 3],
    [new AllEndpointsFailedError({ path: '/p', errors: [{ endpoint: 'a', error: new NetworkError({ url: 'a' }) }, { endpoint: 'b', error: fault }] }), 3],
    [new AllEndpointsFailedError({ path: '/p', errors: [{ endpoint: 'a', error: new NetworkError({ url: 'a' }) }] }), 4],
    [new AllProvidersFailedError({ method: 'eth_getProof', errors: [new AccountProofMismatchError({ address: ADDRESS, field: 'balance', claimed: '1', proven: '2' })] }), 3],
    [new AllProvidersFailedError({ method: 'eth_getProof', errors: [new NetworkError({ url: 'http://r', kind: 'RPC' })] }), 4],
    [new CheckpointTooOldError({ slot: 1, ageSeconds: 30 * 86400, maxAgeSeconds: 14 * 86400 }), 3],
    [new NoCheckpointError({ reason: 'no beacon API answered with its finalized block root' }), 4],
    [new NoCheckpointError({ reason: 'fewer than 2 independent beacon APIs agree on a finalized root' }), 3],
    [new CallRevertedError({ reason: 'nope', data: '0x' }), 1],
  ])('%s → %i', (error, code) => {
    expect(exitCodeOf(error)).toBe(code)
  })
})

describe('runCli without a network', () => {
  const run = (...argv: string[]) => runCliCaptured(argv)
  it('prints usage with --help and exits 0', async () => {
    const { code, stdout } = await run('--help')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^Usage: latchkey <command>/)
  })
  it('prints a one-line error (and JSON with --json) for a usage error', async () => {
    const { code, stdout, stderr } = await run('nonce', 'nope', '--rpc', 'http://r', '--json')
    expect(code).toBe(2)
    expect(stderr).toBe('latchkey: UsageError: ADDRESS "nope" is not an address.\n')
    expect(JSON.parse(stdout)).toEqual({ verified: false, exitCode: 2, error: { name: 'UsageError', message: 'ADDRESS "nope" is not an address.', details: [] } })
  })
  it('exits 4 with the reason when a devnet beacon API cannot be reached for its config', async () => {
    // A port that was just free: nothing listens there.
    const server = createServer().listen(0, '127.0.0.1')
    await once(server, 'listening')
    const { port } = server.address() as AddressInfo
    await new Promise((resolve) => server.close(resolve))
    const { code, stderr } = await run('head', '--network', 'devnet', '--beacon', `http://127.0.0.1:${port}`, '--state-dir', '/tmp/latchkey-cli-unused')
    expect(code).toBe(4)
    expect(stderr).toBe(`latchkey: DevnetConfigUnavailableError: Could not read the devnet's config and genesis from http://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}\n`)
  })

  it('reports a missing devnet file as a usage error', async () => {
    const { code, stderr } = await run('head', '--devnet-info', '/nonexistent/devnet.json')
    expect(code).toBe(2)
    expect(stderr).toMatch(/^latchkey: DevnetInfoError: Cannot use the devnet info file \/nonexistent\/devnet.json: no such file\n {2}Start the devnet/)
  })
})
