import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CliIo } from '../../src/cli/main.ts'
import { encryptKeystore } from '../../src/lib/wallet/encryptKeystore.ts'
import { runCliCaptured } from '../helpers/runCliCaptured.ts'

// `latchkey send --keystore` with a keystore past the KDF limits: refused as a usage error (2)
// naming the parameter, before anything is derived or any network is contacted. The network
// flags point at a closed port: reaching it would be a different error.
let dir: string
const flags = ['--network', 'mainnet', '--beacon', 'http://127.0.0.1:9', '--rpc', 'http://127.0.0.1:9']
const to = '0x000000000000000000000000000000000000cafE'

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'latchkey-ks-limits-'))
  await writeFile(join(dir, 'pw.txt'), 'pw\n')
  const ks = await encryptKeystore({ privateKey: `0x${'11'.repeat(32)}`, password: 'pw', scrypt: { n: 1024 } })
  const tampered = (params: object) => JSON.stringify({ ...ks, crypto: { ...ks.crypto, kdfparams: { ...ks.crypto.kdfparams, ...params } } })
  await writeFile(join(dir, 'heavy.json'), tampered({ n: 2 ** 20, r: 8, p: 8 }))
  await writeFile(join(dir, 'wide.json'), tampered({ n: 2 ** 20, r: 64, p: 1 }))
  await writeFile(join(dir, 'lanes.json'), tampered({ p: 64 }))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

function send(file: string, json = false) {
  return runCliCaptured(['send', '--keystore', file, '--password-file', 'pw.txt', '--to', to, '--amount', '1', '--yes', ...flags, ...(json ? ['--json'] : [])], {
    cwd: dir,
    stdin: Readable.from([]) as unknown as CliIo['stdin'],
    fetch: () => Promise.reject(new Error('the network must not be contacted')),
  })
}

describe('latchkey send --keystore: the KDF limits', () => {
  it('N=2^20, r=8, p=8 and r=64 exit 2 naming the scrypt cost; p=64 names p', async () => {
    for (const file of ['heavy.json', 'wide.json']) {
      const { code, stderr } = await send(file)
      expect(code).toBe(2)
      expect(stderr).toMatch(/^latchkey: KeystoreParametersRejectedError: This keystore's scrypt cost 128·r·n·p is 8 GiB; Latchkey accepts at most 256 MiB\./)
    }
    const lanes = await send('lanes.json', true)
    expect(lanes.code).toBe(2)
    expect(JSON.parse(lanes.stdout)).toMatchObject({ verified: false, exitCode: 2, error: { name: 'KeystoreParametersRejectedError' } })
    expect(lanes.stderr).toContain("This keystore's crypto.kdfparams.p is 64; Latchkey accepts an integer from 1 to 16.")
  })
})
