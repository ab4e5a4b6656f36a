import { spawn } from 'node:child_process'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../../..')

describe('npm run devnet', () => {
  it('serves a bootstrap, writes its connection details, and leaves nothing running after Ctrl-C', async () => {
    const infoFile = path.join(await mkdtemp(path.join(tmpdir(), 'latchkey-devnet-')), 'devnet.json')
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/devnet/main.ts', '--beacon-port', '0', '--rpc-port', '0', '--periods', '2', '--info-file', infoFile], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (c: Buffer) => (out += c))
    child.stderr.on('data', (c: Buffer) => (out += c))
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    await expect.poll(() => out, { timeout: 60_000, interval: 100 }).toContain('Ctrl-C to stop')

    const info = JSON.parse(await readFile(infoFile, 'utf8'))
    expect(out).toContain(info.beaconUrl)
    expect(out).toContain(info.checkpointRoot)
    expect(info.mnemonic).toBe('test test test test test test test test test test test junk')
    expect(info.chainConfig.SECONDS_PER_SLOT).toBe('2')
    const bootstrap = await fetch(`${info.beaconUrl}/eth/v1/beacon/light_client/bootstrap/${info.checkpointRoot}`)
    expect(bootstrap.status).toBe(200)
    const chainId = await fetch(info.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' })
    expect(((await chainId.json()) as { result: string }).result).toBe('0x539')

    child.kill('SIGINT')
    expect(await exited).toBe(0)
    // Both servers are gone: anvil too.
    await expect(fetch(info.rpcUrl, { method: 'POST', body: '{}' })).rejects.toThrow()
    await expect(fetch(`${info.beaconUrl}/eth/v1/beacon/genesis`)).rejects.toThrow()
  })
})
