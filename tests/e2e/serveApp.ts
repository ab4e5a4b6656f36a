import { createHash } from 'node:crypto'
import { access, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'vite'
import { readBuildInfo } from '../../scripts/build/buildInfo.ts'
import { createNode } from '../../scripts/ipfs/createNode.ts'
import { publishDist } from '../../scripts/ipfs/publishDist.ts'
import { startGateway } from '../../scripts/ipfs/startGateway.ts'

const root = resolve(import.meta.dirname, '../..')

async function hashTree(dir: string, hash: ReturnType<typeof createHash>): Promise<void> {
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) await hashTree(path, hash)
    else hash.update(path).update(await readFile(path))
  }
}

const exists = (path: string) => access(path).then(() => true, () => false)

/**
 * The production build, made once per source state and shared by the e2e files of a run (a
 * mkdir lock keeps two test workers from building at the same time on a 2-core machine).
 */
export async function buildAppOnce(): Promise<string> {
  const hash = createHash('sha256')
  for (const dir of ['src', 'static', 'scripts/build']) if (await exists(join(root, dir))) await hashTree(join(root, dir), hash)
  for (const file of ['index.html', 'vite.config.ts', 'package-lock.json']) hash.update(await readFile(join(root, file)))
  // The build names its commit (latchkey-build.json) when the checkout is clean: a new commit is a new build.
  hash.update(JSON.stringify(readBuildInfo(root)))
  const outDir = join(tmpdir(), `latchkey-e2e-dist-${hash.digest('hex').slice(0, 16)}`)
  const lock = `${outDir}.lock`
  for (let i = 0; !(await exists(join(outDir, '.done'))); i++) {
    try {
      await mkdir(lock)
    } catch {
      if (i > 600) throw new Error(`timed out waiting for another worker's build (${lock})`)
      await new Promise((r) => setTimeout(r, 250))
      continue
    }
    try {
      if (!(await exists(join(outDir, '.done')))) {
        await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } })
        await writeFile(join(outDir, '.done'), '')
      }
    } finally {
      await rm(lock, { recursive: true, force: true })
    }
  }
  return outDir
}

export type ServedApp = {
  /** http://<cid>.ipfs.localhost:<port>/ */
  subdomainUrl: string
  /** http://127.0.0.1:<port>/ipfs/<cid>/ */
  pathUrl: string
  cid: string
  close(): Promise<void>
}

/** Publishes the build to a throwaway Helia node and serves it through the local gateway. */
export async function serveApp(): Promise<ServedApp> {
  const built = await buildAppOnce()
  const repo = await mkdtemp(join(tmpdir(), 'latchkey-e2e-ipfs-'))
  // .done is not part of the app.
  const dir = await mkdtemp(join(tmpdir(), 'latchkey-e2e-app-'))
  const { cp } = await import('node:fs/promises')
  await cp(built, dir, { recursive: true, filter: (src) => !src.endsWith('.done') })
  const node = await createNode({ repo })
  try {
    const { cid } = await publishDist({ dir, node, carPath: join(repo, 'app.car') })
    const gateway = await startGateway({ helia: node.helia, appCid: cid.toString(), redirectToSubdomain: false })
    const urls = gateway.urlsFor(cid)
    return {
      subdomainUrl: urls.subdomainUrl,
      pathUrl: urls.pathUrl,
      cid: cid.toString(),
      async close() {
        await gateway.close()
        await node.stop()
        // The node may still be flushing its datastore as it stops: rm retries ENOTEMPTY itself.
        await rm(repo, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 })
        await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 })
      },
    }
  } catch (error) {
    await node.stop()
    throw error
  }
}
