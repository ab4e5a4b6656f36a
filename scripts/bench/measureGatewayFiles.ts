import { readdir, stat } from 'node:fs/promises'
import { Agent, request } from 'node:http'
import path from 'node:path'
import { serveBuildOverGateway } from './serveBuildOverGateway.ts'
import { serveStatic } from './serveStatic.ts'

export type MeasureGatewayFilesParameters = {
  /** The app build. */
  dir: string
  /** Rounds over every small file; the first is dropped as warm-up. */
  rounds: number
}
/** ms per small-file request, one sample per round, for each server. */
export type MeasureGatewayFilesReturnType = { cached: number[]; uncached: number[]; plain: number[]; files: number }

const smallFileBytes = 64 * 1024

async function smallFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const name = path.posix.join(prefix, entry.name)
    if (entry.isDirectory()) out.push(...(await smallFiles(dir, name)))
    else if (!entry.name.startsWith('.') && (await stat(path.join(dir, name))).size <= smallFileBytes) out.push(name)
  }
  return out
}

function get(agent: Agent, port: number, host: string, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: '127.0.0.1', port, path: `/${file.split('/').map(encodeURIComponent).join('/')}`, headers: { host } }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`${host}/${file}: HTTP ${res.statusCode}`))
      res.resume()
      res.on('end', () => resolve())
    })
    req.on('error', reject)
    req.end()
  })
}

async function rounds(count: number, files: string[], port: number, host: string): Promise<number[]> {
  // One keep-alive connection, as a browser reuses one per origin: the time is the server's.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  try {
    const samples: number[] = []
    for (let round = 0; round <= count; round++) {
      const start = performance.now()
      for (const file of files) await get(agent, port, host, file)
      if (round > 0) samples.push((performance.now() - start) / files.length)
    }
    return samples
  } finally {
    agent.destroy()
  }
}

/**
 * The time per small file (<= 64 KiB, one after another on one connection) through the Helia
 * gateway in subdomain form, with its memory cache and without (blockstore each time), against
 * a plain static server reading the same build from disk.
 */
export async function measureGatewayFiles({ dir, rounds: count }: MeasureGatewayFilesParameters): Promise<MeasureGatewayFilesReturnType> {
  const files = await smallFiles(dir)
  const hostOf = (url: string) => new URL(url).host
  const cachedGateway = await serveBuildOverGateway({ dir })
  let cached: number[]
  try {
    cached = await rounds(count, files, Number(new URL(cachedGateway.subdomainUrl).port), hostOf(cachedGateway.subdomainUrl))
  } finally {
    await cachedGateway.close()
  }
  const plainGateway = await serveBuildOverGateway({ dir, memoryCache: false })
  let uncached: number[]
  try {
    uncached = await rounds(count, files, Number(new URL(plainGateway.subdomainUrl).port), hostOf(plainGateway.subdomainUrl))
  } finally {
    await plainGateway.close()
  }
  const server = await serveStatic({ dir })
  try {
    const plain = await rounds(count, files, Number(new URL(server.url).port), hostOf(server.url))
    return { cached, uncached, plain, files: files.length }
  } finally {
    await server.close()
  }
}
