// `latchkey verify-app --build`: the deployed copy against a fresh build of this checkout.
import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNode } from '../../scripts/ipfs/createNode.ts'
import type { CreateNodeReturnType } from '../../scripts/ipfs/createNode.ts'
import { publishDist } from '../../scripts/ipfs/publishDist.ts'
import { startGateway } from '../../scripts/ipfs/startGateway.ts'
import type { StartGatewayReturnType } from '../../scripts/ipfs/startGateway.ts'
import { buildAppOnce } from '../e2e/serveApp.ts'
import { verifyApp } from './verifyAppCli.ts'

const checkout = resolve(import.meta.dirname, '../..')
let tmp: string
let node: CreateNodeReturnType
let gateway: StartGatewayReturnType
let released: string
let altered: string

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'latchkey-verify-build-'))
  // The deployed copy: the production build of this source (shared with the e2e tests).
  const built = await buildAppOnce()
  const copy = join(tmp, 'copy')
  await cp(built, copy, { recursive: true })
  node = await createNode({ repo: join(tmp, 'repo') })
  released = (await publishDist({ dir: copy, node, carPath: join(tmp, 'a.car') })).cid.toString()
  // Another copy that is not this source's build: one byte more in index.html.
  await appendFile(join(copy, 'index.html'), ' ')
  altered = (await publishDist({ dir: copy, node, carPath: join(tmp, 'b.car') })).cid.toString()
  gateway = await startGateway({ helia: node.helia })
}, 300_000)

afterAll(async () => {
  await gateway?.close()
  await node?.stop()
  await rm(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
})

describe('latchkey verify-app --build', () => {
  it('the same CID as the rebuild of this checkout: exit 0, says so with the commit', async () => {
    const { code, stdout, stderr } = await verifyApp(released, '--gateway', gateway.url, '--build', '--source', checkout)
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toMatch(new RegExp(`Rebuilt from ${checkout} \\((commit [0-9a-f]{12}[^)]*|not a git checkout)\\): ${released}, the same CID`))
  }, 300_000)

  it('another CID than the rebuild: exit 3, listing the file that differs', async () => {
    const { code, stderr } = await verifyApp(altered, '--gateway', gateway.url, '--build', '--source', checkout, '--json')
    expect(code).toBe(3)
    expect(stderr).toContain(`latchkey: BuildMismatchError: The deployed copy ${altered} verified against its CID, but it is not the build of this source (which builds to ${released}).`)
    expect(stderr).toContain('  differs: index.html\n')
    expect(stderr.match(/differs:|only in/g)).toHaveLength(1)
  }, 300_000)

  it('a checkout without node_modules cannot be built: exit 2', async () => {
    const { code, stderr } = await verifyApp(released, '--gateway', gateway.url, '--build', '--source', tmp)
    expect(code).toBe(2)
    expect(stderr).toContain('BuildFailedError')
  })
})
