import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'
import { createClient, custom, namehash, parseAbi } from 'viem'
import { readContract } from 'viem/actions'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Devnet } from '../../../scripts/devnet/startDevnet.ts'
import { LightClient } from '../../../src/lib/consensus/LightClient.ts'
import { createCustomNetwork } from '../../../src/lib/consensus/networks.ts'
import { EnsNameInvalidError, EnsOffchainRefusedError } from '../../../src/lib/ens/errors.ts'
import { getReleaseRecord } from '../../../src/lib/ens/getReleaseRecord.ts'
import { lookupEnsName } from '../../../src/lib/ens/lookupEnsName.ts'
import { resolveEnsName } from '../../../src/lib/ens/resolveEnsName.ts'
import { StorageValueMismatchError } from '../../../src/lib/execution/errors.ts'
import { createVerifiedRequest } from '../../../src/lib/rpc/createVerifiedRequest.ts'
import { startTestDevnet } from '../../helpers/devnet.ts'
import { runCliCaptured } from '../../helpers/runCliCaptured.ts'
import { startTamperingProxy } from '../rpc/tamperingProxy.ts'
import { registerOffchainName, setReleaseRecord, setReverseRecord, startTestGateway } from './ensDevnet.ts'

const ATTACKER = '0x000000000000000000000000000000000000dEaD'
let devnet: Devnet
let lc: LightClient
let liar: Awaited<ReturnType<typeof startTamperingProxy>>
let gateway: Awaited<ReturnType<typeof startTestGateway>>
let dir: string

beforeAll(async () => {
  devnet = await startTestDevnet({ periods: 1, ens: true })
  lc = new LightClient({
    network: createCustomNetwork({ name: 'devnet', specJson: devnet.chainConfig, genesisValidatorsRoot: devnet.genesisValidatorsRoot, genesisTime: devnet.genesisTime, beaconApis: [devnet.beaconUrl] }),
    checkpoint: devnet.checkpointRoot, timeoutMs: 5_000, syncedToleranceSlots: 4, minAgreeingEndpoints: 1,
  })
  await lc.init()
  liar = await startTamperingProxy({ upstream: devnet.rpcUrl })
  gateway = await startTestGateway(devnet.accounts[2]!)
  await registerOffchainName(devnet, 'offchain', gateway.url)
  // An impostor: account 4 claims dev.eth as its primary name, but dev.eth resolves to account 0.
  const setAt = await setReverseRecord(devnet, devnet.accounts[4]!, 'dev.eth')
  // Every test reads at the light client's head: wait until it includes the last setup transaction.
  while ((await lc.syncOnce().then(() => lc.getExecutionHeader('latest'))).number < setAt) await new Promise((r) => setTimeout(r, 200))
  dir = await mkdtemp(join(tmpdir(), 'latchkey-ens-'))
}, 120_000)
afterAll(async () => {
  await liar?.stop()
  await gateway?.stop()
  await devnet?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

/** The verified transport at the light client's newest head (synced first, so offchain.eth's block is included). */
async function atHead(rpcs: string[]) {
  await lc.syncOnce()
  const header = await lc.getExecutionHeader('latest')
  const { request, client } = createVerifiedRequest({ headers: lc, rpcs, chainId: devnet.chainId, cache: false })
  return { transport: custom({ request }), blockNumber: header.number, client, universalResolverAddress: devnet.contracts!.ens!.universalResolver }
}

describe('ENS on the devnet through the verified transport', () => {
  it('dev.eth resolves to the first dev account and back (primary name checked forward), ENSIP-15 normalized', async () => {
    const at = await atHead([devnet.rpcUrl])
    expect(await resolveEnsName({ ...at, name: 'dev.eth', offchain: 'refuse' })).toEqual({ name: 'dev.eth', address: devnet.accounts[0] })
    expect(await resolveEnsName({ ...at, name: ' DEV.eth', offchain: 'refuse' })).toEqual({ name: 'dev.eth', address: devnet.accounts[0] })
    expect(await lookupEnsName({ ...at, address: devnet.accounts[0]!, offchain: 'refuse' })).toEqual({ address: devnet.accounts[0], name: 'dev.eth' })
    expect(await lookupEnsName({ ...at, address: devnet.accounts[1]!, offchain: 'refuse' })).toEqual({ address: devnet.accounts[1], name: null })
    // A reverse record naming a name that does not resolve back is no primary name (the forward check):
    // the record is there at this block, and the Universal Resolver still says no name.
    const reverseNode = namehash(`${devnet.accounts[4]!.slice(2).toLowerCase()}.addr.reverse`)
    const claimed = await readContract(createClient({ transport: at.transport }), { address: devnet.contracts!.ens!.publicResolver, abi: parseAbi(['function name(bytes32) view returns (string)']), functionName: 'name', args: [reverseNode], blockNumber: at.blockNumber })
    expect(claimed).toBe('dev.eth')
    expect(await lookupEnsName({ ...at, address: devnet.accounts[4]!, offchain: 'refuse' })).toEqual({ address: devnet.accounts[4], name: null })
    expect(await resolveEnsName({ ...at, name: 'nobody.eth', offchain: 'refuse' })).toEqual({ name: 'nobody.eth', address: null })
    await expect(resolveEnsName({ ...at, name: 'a..eth', offchain: 'refuse' })).rejects.toBeInstanceOf(EnsNameInvalidError)
  })

  it('a lying RPC cannot change a resolution: its forged storage fails the proofs, and an honest RPC beside it answers', async () => {
    // The liar answers every storage proof with the attacker's address as the value (the resolver's addr record among them).
    liar.state.tamper = (method, _params, result) => {
      if (method !== 'eth_getProof') return result
      for (const p of result.storageProof) p.value = ATTACKER
      return result
    }
    const alone = await atHead([liar.url])
    const error = await resolveEnsName({ ...alone, name: 'dev.eth', offchain: 'refuse' }).catch((e) => e)
    expect(error).toBeInstanceOf(Error)
    expect(findCause(error, StorageValueMismatchError)).toBeInstanceOf(StorageValueMismatchError)
    expect(alone.client.providers()[0]).toMatchObject({ faulty: true })

    const withHonest = await atHead([liar.url, devnet.rpcUrl])
    expect((await resolveEnsName({ ...withHonest, name: 'dev.eth', offchain: 'refuse' })).address).toBe(devnet.accounts[0])
    expect((await lookupEnsName({ ...withHonest, address: devnet.accounts[0]!, offchain: 'refuse' })).name).toBe('dev.eth')
    expect(withHonest.client.providers()[0]).toMatchObject({ faulty: true })
    liar.state.tamper = undefined
  })

  it('a CCIP-read (offchain) name is refused by default without contacting the gateway, and marked with its host when allowed', async () => {
    const at = await atHead([devnet.rpcUrl])
    const host = new URL(gateway.url).host
    const refused = await resolveEnsName({ ...at, name: 'offchain.eth', offchain: 'refuse' }).catch((e) => e)
    expect(refused).toBeInstanceOf(EnsOffchainRefusedError)
    expect(refused).toMatchObject({ input: 'offchain.eth', gateways: [host] })
    expect(gateway.state.requests).toBe(0)
    expect(await resolveEnsName({ ...at, name: 'offchain.eth', offchain: 'allow' })).toEqual({ name: 'offchain.eth', address: devnet.accounts[2], offchain: { gateways: [host] } })
    expect(gateway.state.requests).toBe(1)
  })

  it('latchkey resolve NAME|ADDRESS --json', async () => {
    const infoFile = join(dir, 'devnet.json')
    const { chain: _c, anvil: _a, produceNext: _p, stop: _s, ...info } = devnet
    await writeFile(infoFile, JSON.stringify(info))
    const flags = ['--devnet-info', infoFile, '--state-dir', join(dir, 'state'), '--json']
    const forward = await runCliCaptured(['resolve', 'dev.eth', ...flags], { cwd: dir })
    expect(forward.code, forward.stderr).toBe(0)
    const f = JSON.parse(forward.stdout)
    expect(f).toMatchObject({ kind: 'ens', name: 'dev.eth', address: devnet.accounts[0], verified: true, universalResolver: devnet.contracts!.ens!.universalResolver })
    expect(f.verifiedAgainst).toMatchObject({ block: 'latest', blockNumber: expect.any(String), stateRoot: expect.stringMatching(/^0x/) })
    const reverse = await runCliCaptured(['resolve', devnet.accounts[0]!, ...flags], { cwd: dir })
    expect(JSON.parse(reverse.stdout)).toMatchObject({ kind: 'ens', name: 'dev.eth', address: devnet.accounts[0], verified: true })
    const offchain = await runCliCaptured(['resolve', 'offchain.eth', ...flags], { cwd: dir })
    expect(offchain.code).toBe(3)
    expect(JSON.parse(offchain.stdout).error.name).toBe('EnsOffchainRefusedError')
    const allowed = await runCliCaptured(['resolve', 'offchain.eth', '--allow-offchain', ...flags.slice(0, -1)], { cwd: dir })
    expect(allowed.code).toBe(3)
    expect(allowed.stdout).toMatch(/offchain\.eth -> 0x.*\nNOT verified: answered offchain by 127\.0\.0\.1:\d+/)
  }, 60_000)
})

function findCause<T>(error: unknown, Class: abstract new (...args: never[]) => T, depth = 0): T | undefined {
  if (!error || typeof error !== 'object' || depth > 8) return undefined
  if (error instanceof Class) return error
  const e = error as { cause?: unknown; errors?: unknown[] }
  for (const next of [e.cause, ...(e.errors ?? [])]) {
    const found = findCause(next, Class, depth + 1)
    if (found) return found
  }
  return undefined
}

describe('release records on the devnet (contenthash + latchkey.commit) through the verified transport', () => {
  it('reads back every CID its owner sets, one after another, at the head that includes it', async () => {
    const cids = [
      CID.createV1(0x70, await sha256.digest(new TextEncoder().encode('release a'))),
      CID.createV1(0x70, await sha256.digest(new TextEncoder().encode('release b'))),
      CID.createV1(0x55, await sha256.digest(new TextEncoder().encode('release c'))),
      CID.createV0(await sha256.digest(new TextEncoder().encode('release d'))),
    ]
    for (const [i, cid] of cids.entries()) {
      const commit = i.toString(16).repeat(40)
      const minedAt = await setReleaseRecord(devnet, cid, commit)
      let at = await atHead([devnet.rpcUrl])
      while (at.blockNumber < minedAt) {
        await new Promise((r) => setTimeout(r, 200))
        at = await atHead([devnet.rpcUrl])
      }
      const record = await getReleaseRecord({ ...at, name: 'dev.eth' })
      expect({ cid: record.cid?.toString(), commit: record.commit }).toEqual({ cid: cid.toV1().toString(), commit })
    }
  }, 120_000)
})
