import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishDist } from '../../../scripts/ipfs/publishDist.ts'
import { writeFixtureSite } from './fixtureSite.ts'
import { httpGet } from './httpGet.ts'

const repoRoot = resolve(import.meta.dirname, '../../..')
let tmp: string
let site: string
let cid: string
let child: ChildProcess | undefined
let stdout = ''

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'latchkey-serve-'))
  site = join(tmp, 'site')
  await writeFixtureSite(site)
  cid = (await publishDist({ dir: site, repo: join(tmp, 'repo'), carPath: join(tmp, 'site.car') })).cid.toString()
  // One process (no npx/tsx wrapper), so the signal below reaches the server itself.
  child = spawn(process.execPath, ['--import', 'tsx', 'scripts/ipfs/serve.ts', '--repo', join(tmp, 'repo'), '--port', '0'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout?.on('data', (d) => (stdout += d))
  await new Promise<void>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`serve did not start:\n${stdout}`)), 90_000)
    child?.stdout?.on('data', () => {
      if (stdout.includes('Ctrl-C')) {
        clearTimeout(timer)
        res()
      }
    })
    child?.on('exit', (code) => rej(new Error(`serve exited with ${code}:\n${stdout}`)))
  })
}, 120_000)

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL')
  await rm(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
})

describe('npm run serve', () => {
  it('prints a loopback libp2p address and the URLs of the last published app', () => {
    expect(stdout).toMatch(/^\s+\/ip4\/127\.0\.0\.1\/tcp\/\d+\/p2p\/12D3Koo\w+$/m)
    expect(stdout).toMatch(new RegExp(`App \\(own origin\\):\\s+http://${cid}\\.ipfs\\.localhost:\\d+/`))
    expect(stdout).toMatch(new RegExp(`App \\(path gateway\\):\\s+http://127\\.0\\.0\\.1:\\d+/ipfs/${cid}/index\\.html`))
  })

  it('serves the app at the printed subdomain URL', async () => {
    const url = new URL(/App \(own origin\):\s+(\S+)/.exec(stdout)?.[1] as string)
    const res = await httpGet({ port: Number(url.port), path: '/', host: url.host })
    expect(res.status).toBe(200)
    expect(res.body.equals(await readFile(join(site, 'index.html')))).toBe(true)
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'")
  })

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((res) => child?.once('exit', (code) => res(code)))
    child?.kill('SIGTERM')
    expect(await exited).toBe(0)
  })
})
