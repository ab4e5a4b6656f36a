import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Devnet } from '../../scripts/devnet/startDevnet.ts'
import { startTestDevnet } from '../helpers/devnet.ts'
import { type FaultProxy, startFaultProxy, tamperJson } from '../helpers/faultProxy.ts'
import { runCliCaptured } from '../helpers/runCliCaptured.ts'

let devnet: Devnet
let first: FaultProxy
let second: FaultProxy
let dir: string
let stateCount = 0

const cli = (args: string[]) => runCliCaptured(args, { cwd: dir })
const flags = () => ['--devnet-info', join(dir, 'devnet.json'), '--state-dir', join(dir, `s${stateCount++}`), '--json']
const balance = (...rpcs: string[]) => cli(['balance', devnet.accounts[0]!, ...flags(), ...rpcs.flatMap((r) => ['--rpc', r])])
const asks = (method: string) => ({ requestBody }: { requestBody: Buffer }) => requestBody.includes(method)

async function anvilBalance(block: string): Promise<string> {
  const r = await fetch(devnet.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getBalance', params: [devnet.accounts[0], `0x${BigInt(block).toString(16)}`] }) })
  return BigInt(((await r.json()) as { result: string }).result).toString()
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'latchkey-providers-'))
  devnet = await startTestDevnet({ periods: 1, infoFile: join(dir, 'devnet.json') })
  first = await startFaultProxy({ target: devnet.rpcUrl })
  second = await startFaultProxy({ target: devnet.rpcUrl })
})
afterEach(() => {
  first.clear()
  second.clear()
})
afterAll(async () => {
  await first?.close()
  await second?.close()
  await devnet?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('real providers\' habits are not faults', () => {
  it('an RPC a block behind the light client ("header not found" for the newest head): the read falls back to the verified parent and says so', async () => {
    // Only the first proof request (at the newest head) is refused, as a lagging node does.
    first.setRules([{ match: asks('eth_getProof'), times: 1, fault: { kind: 'tamper', transform: tamperJson((j) => {
      delete j.result
      j.error = { code: -32000, message: 'header not found' }
    }) } }])
    const { code, stdout, stderr } = await balance(first.url)
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const out = JSON.parse(stdout)
    expect(out.verifiedAgainst.fallbackFrom).toMatchObject({ block: 'latest', reason: expect.stringContaining('header not found') })
    expect(BigInt(out.verifiedAgainst.blockNumber)).toBe(BigInt(out.verifiedAgainst.fallbackFrom.blockNumber) - 1n)
    expect(out.verifiedAgainst.block).toBe('number')
    expect(out.wei).toBe(await anvilBalance(out.verifiedAgainst.blockNumber))
    expect(out.warnings).toEqual([])
  })

  it('HTTP 429 with Retry-After backs the provider off (not faulty) and the next one answers', async () => {
    const seen = first.log.length
    first.setRules([{ match: asks('eth_getProof'), fault: { kind: 'respond', status: 429, body: 'slow down', headers: { 'retry-after': '30' } } }])
    const { code, stdout, stderr } = await balance(first.url, second.url)
    expect(code).toBe(0)
    expect(stderr).toBe('')
    expect(JSON.parse(stdout).wei).toBe(await anvilBalance(JSON.parse(stdout).verifiedAgainst.blockNumber))
    expect(first.log.slice(seen).filter((r) => r.fault === 'respond')).toHaveLength(1) // backed off: asked once
  })

  it('-32601 for eth_getProof marks the method unsupported there (not the provider faulty); the next provider is used', async () => {
    first.setRules([{ match: asks('eth_getProof'), fault: { kind: 'tamper', transform: tamperJson((j) => {
      delete j.result
      j.error = { code: -32601, message: 'the method eth_getProof does not exist/is not available' }
    }) } }])
    const { code, stdout, stderr } = await balance(first.url, second.url)
    expect(code).toBe(0)
    expect(stderr).toBe('')
    expect(JSON.parse(stdout).warnings).toEqual([])
    // Alone, it is not a lie either: exit 4 (nothing could answer), naming the method.
    const alone = await balance(first.url)
    expect(alone.code).toBe(4)
    expect(alone.stderr).toContain(`RpcMethodUnsupportedError: The RPC at ${first.url} does not support eth_getProof`)
  })

  it('a provider that refuses batches, or cuts them short, gets them split', async () => {
    // Just above the finalized block, at least 4 below the head: reached from the latest head
    // through one batch of 3 or more ancestors, however far the head moves meanwhile.
    const blockArgs = async () => {
      for (let i = 0; ; i++) {
        const head = JSON.parse((await cli(['head', ...flags()])).stdout)
        const [latest, finalized] = [BigInt(head.optimistic.execution.blockNumber), BigInt(head.finalized.execution.blockNumber)]
        if (latest - finalized >= 4n) return ['--block', String(finalized + 1n)]
        if (i > 60) throw new Error(`the head stays within ${latest - finalized} blocks of the finalized block`)
        await new Promise((r) => setTimeout(r, devnet.secondsPerSlot * 500))
      }
    }
    first.setRules([{ match: ({ requestBody }) => requestBody[0] === 0x5b /* [ */, fault: { kind: 'respond', status: 200, body: JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32600, message: 'batch requests are not supported' } }) } }])
    const seen = { first: first.log.length, second: second.log.length }
    const refused = await cli(['balance', devnet.accounts[0]!, ...flags(), '--rpc', first.url, ...(await blockArgs())])
    expect(refused.stderr).toBe('')
    expect(refused.code).toBe(0)
    expect(JSON.parse(refused.stdout).wei).toBe(await anvilBalance(JSON.parse(refused.stdout).verifiedAgainst.blockNumber))
    expect(first.log.slice(seen.first).filter((r) => r.fault === 'respond')).toHaveLength(1) // refused once, then asked one by one

    second.setRules([{ match: ({ requestBody }) => requestBody[0] === 0x5b, fault: { kind: 'tamper', transform: tamperJson((answers) => answers.splice(2)) } }])
    const cut = await cli(['balance', devnet.accounts[0]!, ...flags(), '--rpc', second.url, ...(await blockArgs())])
    expect(cut.stderr).toBe('')
    expect(cut.code).toBe(0)
    // The first batch is cut to 2 answers; every later one is a batch of at most 2 (which the rule leaves whole).
    const batches = second.log.slice(seen.second).filter((r) => r.fault === 'tamper')
    expect(batches.length).toBeGreaterThan(1)
    expect(JSON.parse(cut.stdout).wei).toBe(await anvilBalance(JSON.parse(cut.stdout).verifiedAgainst.blockNumber))
  })
})
