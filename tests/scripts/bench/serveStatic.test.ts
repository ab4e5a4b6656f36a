import { get } from 'node:http'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type StaticServer, serveStatic } from '../../../scripts/bench/serveStatic.ts'

let dir: string
let server: StaticServer

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'latchkey-bench-static-'))
  await mkdir(path.join(dir, 'site', 'assets'), { recursive: true })
  await writeFile(path.join(dir, 'site', 'assets', 'a.wasm'), new Uint8Array([0, 97, 115, 109]))
  await writeFile(path.join(dir, 'site', 'index.html'), '<p>hi</p>')
  await writeFile(path.join(dir, 'secret.txt'), 'outside')
  server = await serveStatic({ dir: path.join(dir, 'site') })
})

afterAll(async () => {
  await server?.close()
  await rm(dir, { recursive: true, force: true })
})

it('serves files of the directory on 127.0.0.1 with their content types', async () => {
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
  const wasm = await fetch(`${server.url}assets/a.wasm`)
  expect(wasm.headers.get('content-type')).toBe('application/wasm')
  expect(new Uint8Array(await wasm.arrayBuffer())).toEqual(new Uint8Array([0, 97, 115, 109]))
  expect(await (await fetch(`${server.url}index.html`)).text()).toBe('<p>hi</p>')
})

it('answers 404 for missing files and 403 for paths outside the directory', async () => {
  expect((await fetch(`${server.url}nope.js`)).status).toBe(404)
  // A raw path (fetch would normalize dot segments away): an encoded slash after "..".
  const status = await new Promise<number | undefined>((resolve, reject) => get(`${server.url}..%2fsecret.txt`, (res) => { res.resume(); resolve(res.statusCode) }).on('error', reject))
  expect(status).toBe(403)
})
