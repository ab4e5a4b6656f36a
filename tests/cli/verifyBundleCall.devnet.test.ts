import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decodeFunctionResult, encodeFunctionData, erc20Abi, pad } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Devnet } from '../../scripts/devnet/startDevnet.ts'
import { type Deployed, deployContract } from '../../scripts/contracts/deployContract.ts'
import { startTestDevnet } from '../helpers/devnet.ts'
import { flipHexByte } from '../helpers/faultProxy.ts'
import { runCliCaptured } from '../helpers/runCliCaptured.ts'
import { waitForAttestedBlock } from '../helpers/waitForAttestedBlock.ts'
import { writeTamperedBundle } from '../helpers/writeTamperedBundle.ts'

let devnet: Devnet
let dir: string
let infoFile: string
let checkpoint: string
let token: Deployed
let callFile: string
let call: { result: string; verifiedAgainst: { blockNumber: string; blockHash: string; stateRoot: string } }
const SUPPLY = 1_234_567n
/** verify-bundle may not touch the network at all: any fetch fails the test. */
const offline = (() => { throw new Error('verify-bundle used the network') }) as unknown as typeof fetch
const verify = (file: string, ...extra: string[]) => runCliCaptured(['verify-bundle', file, ...extra], { cwd: dir, fetch: offline })
const balanceOf = (owner: `0x${string}`) => encodeFunctionData({ abi: erc20Abi, functionName: 'balanceOf', args: [owner] })

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'latchkey-bundle-call-'))
  infoFile = join(dir, 'devnet.json')
  devnet = await startTestDevnet({ periods: 2, infoFile })
  checkpoint = JSON.parse(await readFile(infoFile, 'utf8')).checkpointRoot
  token = await deployContract({ rpcUrl: devnet.rpcUrl, file: 'TestTokens.sol', contract: 'TestToken', args: ['Test', 'TST', 6, SUPPLY] })
  // The light client's head follows the chain: wait until an update attests the deployment.
  await waitForAttestedBlock({ beaconUrl: devnet.beaconUrl, blockNumber: token.blockNumber })
  callFile = join(dir, 'call.json')
  const run = await runCliCaptured(['call', '--to', token.address, '--data', balanceOf(token.deployer), '--devnet-info', infoFile, '--state-dir', join(dir, 'state'), '--bundle', callFile, '--json'], { cwd: dir })
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  call = JSON.parse(run.stdout)
  expect(BigInt(call.verifiedAgainst.blockNumber)).toBeGreaterThanOrEqual(token.blockNumber)
})
afterAll(async () => {
  await devnet?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

const tampered = (name: string, change: (bundle: any) => void) => writeTamperedBundle(callFile, name, change)
/** The token's account proof in the bundle, and its first storage proof (the balance slot). */
const tokenProof = (b: any) => b.proofs.accounts.find((a: any) => a.address === token.address.toLowerCase())

describe('latchkey call --bundle and verify-bundle (a call re-run offline over the proven state)', () => {
  it('writes a version-2 call bundle with the header, every proven account and slot, and the code; verify-bundle re-runs it with no network', async () => {
    const supply = SUPPLY
    expect(decodeFunctionResult({ abi: erc20Abi, functionName: 'balanceOf', data: call.result as `0x${string}` })).toBe(supply)
    const bundle = JSON.parse(await readFile(callFile, 'utf8'))
    expect(bundle).toMatchObject({ version: 2, claim: { kind: 'call', call: { to: token.address, data: balanceOf(token.deployer) }, result: call.result } })
    expect(bundle.proofs.header.hash).toBe(call.verifiedAgainst.blockHash)
    expect(tokenProof(bundle).storageProof.length).toBeGreaterThan(0)
    expect(bundle.proofs.codes[token.address.toLowerCase()]).toMatch(/^0x[0-9a-f]{100,}$/)
    const { code, stdout, stderr } = await verify(callFile, '--checkpoint', checkpoint, '--json')
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const out = JSON.parse(stdout)
    expect(out).toMatchObject({ verified: true, claim: { kind: 'call', result: call.result }, checkpoint: { source: 'user' } })
    expect(out.block).toMatchObject({ number: call.verifiedAgainst.blockNumber, hash: call.verifiedAgainst.blockHash, stateRoot: call.verifiedAgainst.stateRoot })
    const text = await verify(callFile, '--checkpoint', checkpoint)
    expect(text.stdout).toContain(`call to ${token.address} with data ${balanceOf(token.deployer)}: returned ${call.result}`)
  })

  const other = pad('0x99', { size: 32 })
  const cases: [string, (b: any) => void, string][] = [
    ['the result', (b) => { b.claim.result = pad('0x01', { size: 32 }) }, 'BundleClaimMismatchError'],
    ['the call (another owner)', (b) => { b.claim.call.data = balanceOf('0x0000000000000000000000000000000000000001') }, 'BundleStateMissingError'],
    ['the code', (b) => { const a = token.address.toLowerCase(); b.proofs.codes[a] = flipHexByte(b.proofs.codes[a], 20) }, 'CodeHashMismatchError'],
    ['a storage value', (b) => { tokenProof(b).storageProof[0].value = '0x1' }, 'StorageValueMismatchError'],
    ['a storage proof node', (b) => { const s = tokenProof(b).storageProof[0]; s.proof[0] = flipHexByte(s.proof[0], 30) }, 'InvalidStorageProofError'],
    ['a storage slot (dropped)', (b) => { tokenProof(b).storageProof = [] }, 'BundleStateMissingError'],
    ['an account proof node', (b) => { const a = tokenProof(b); a.accountProof[0] = flipHexByte(a.accountProof[0], 40) }, 'InvalidAccountProofError'],
    ['the block header (its state root)', (b) => { b.proofs.header.stateRoot = other }, 'BlockHeaderHashMismatchError'],
    ['the head header', (b) => { b.consensus.head.data.attested_header.execution.state_root = other }, 'InvalidMerkleBranchError'],
    ['a signature', (b) => { b.consensus.head.data.sync_aggregate.sync_committee_signature = flipHexByte(b.consensus.head.data.sync_aggregate.sync_committee_signature, 40) }, 'InvalidSyncSignatureError'],
    ['the version (1 has no call claim)', (b) => { b.version = 1 }, 'BundleFormatError'],
  ]
  for (const [part, change, errorName] of cases) {
    it(`refuses a call bundle with a tampered ${part}: exit 3, ${errorName}`, async () => {
      const { code, stderr, stdout } = await verify(await tampered(part.replace(/\W+/g, '-'), change), '--json')
      expect(stderr).toMatch(new RegExp(`^latchkey: ${errorName}: `))
      expect(code).toBe(3)
      expect(JSON.parse(stdout)).toMatchObject({ verified: false, exitCode: 3, error: { name: errorName } })
    })
  }
})
