import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Devnet } from '../../scripts/devnet/startDevnet.ts'
import { startTestDevnet } from '../helpers/devnet.ts'
import { type FaultProxy, flipHexByte, startFaultProxy, tamperJson } from '../helpers/faultProxy.ts'
import { runCliCaptured } from '../helpers/runCliCaptured.ts'

let devnet: Devnet
let liar: FaultProxy
let dir: string
let stateCount = 0

const cli = (args: string[]) => runCliCaptured(args, { cwd: dir })

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'latchkey-forgery-'))
  devnet = await startTestDevnet({ periods: 1, infoFile: join(dir, 'devnet.json') })
  liar = await startFaultProxy({ target: devnet.beaconUrl })
})
afterAll(async () => {
  await liar?.close()
  await devnet?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

// Each forgery touches one thing a beacon API could change, in the JSON as served.
const forgeries = [
  { what: 'a finality branch node', route: /finality_update/, error: 'InvalidMerkleBranchError', message: /The finality Merkle branch/, mutate: (d: any) => { d.finality_branch[2] = flipHexByte(d.finality_branch[2]) } },
  { what: 'the finality update signature', route: /finality_update/, error: 'InvalidSyncSignatureError', message: /The sync committee signature/, mutate: (d: any) => { d.sync_aggregate.sync_committee_signature = flipHexByte(d.sync_aggregate.sync_committee_signature, 40) } },
  { what: 'the finalized execution state root', route: /finality_update/, error: 'InvalidMerkleBranchError', message: /The execution Merkle branch/, mutate: (d: any) => { d.finalized_header.execution.state_root = flipHexByte(d.finalized_header.execution.state_root) } },
  { what: 'the optimistic update signature', route: /optimistic_update/, error: 'InvalidSyncSignatureError', message: /The sync committee signature/, mutate: (d: any) => { d.sync_aggregate.sync_committee_signature = flipHexByte(d.sync_aggregate.sync_committee_signature, 40) } },
]

describe('a forgery from the only beacon API is reported as a forgery', () => {
  for (const f of forgeries) {
    it(`${f.what}: head and balance exit 3 naming the endpoint and ${f.error}`, async () => {
      liar.setRules([{ match: f.route, fault: { kind: 'tamper', transform: tamperJson((j) => f.mutate(j.data)) } }])
      try {
        for (const command of [['head'], ['balance', devnet.accounts[0]!]]) {
          const { code, stdout, stderr } = await cli([...command, '--devnet-info', join(dir, 'devnet.json'), '--state-dir', join(dir, `s${stateCount++}`), '--beacon', liar.url, '--json'])
          expect(code).toBe(3)
          // First line: no beacon API is left because it lied (not "unreachable"); then the proof, with the endpoint.
          const [first, second] = stderr.split('\n')
          expect(first).toMatch(/^latchkey: AllEndpointsFailedError: No beacon API could serve \/eth\/v1\/beacon\/light_client\/\w+: the only one was caught serving data that fails verification\.$/)
          expect(second).toMatch(new RegExp(`^ {2}${liar.url}: ${f.error}: ${f.message.source}`))
          const out = JSON.parse(stdout)
          expect(out).toMatchObject({ verified: false, exitCode: 3, error: { name: 'AllEndpointsFailedError' } })
          expect(out.error.details).toEqual([second!.trim()])
        }
      } finally {
        liar.clear()
      }
    })
  }
})
