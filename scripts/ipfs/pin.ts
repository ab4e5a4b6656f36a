// npm run pin -- <cid> (--peer <multiaddr> | --gateway <url> [--raw]) [--repo <folder>] [--timeout <seconds>]
import '../polyfills.ts'
import { parseArgs } from 'node:util'
import { parseCid } from '../../src/lib/ipfs/parseCid.ts'
import { createNode } from './createNode.ts'
import type { CreateNodeReturnType } from './createNode.ts'
import { pinFromGateway } from './pinFromGateway.ts'
import { pinFromPeer } from './pinFromPeer.ts'
import { formatProgress } from './pinProgress.ts'
import type { PinProgress } from './pinProgress.ts'

const usage = `Usage: npm run pin -- <cid> --peer <multiaddr>      fetch over libp2p (bitswap) from a peer
       npm run pin -- <cid> --gateway <url> [--raw]  fetch from a trustless gateway (one CAR, or block by block with --raw)
Options: --repo <folder> (default $LATCHKEY_IPFS_REPO or .latchkey/ipfs), --timeout <seconds per request/block>`

function parseCli() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        peer: { type: 'string' },
        gateway: { type: 'string' },
        raw: { type: 'boolean', default: false },
        repo: { type: 'string' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`)
    process.exit(2)
  }
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  // fetch wraps the socket error (ECONNREFUSED...) one level deeper.
  const cause = error.cause instanceof Error ? (error.cause.cause instanceof Error ? error.cause.cause : error.cause) : undefined
  return `${error.name}: ${error.message}${cause ? `\nCause: ${cause.message}` : ''}`
}

const { values, positionals } = parseCli()
if (values.help || positionals.length !== 1 || (!values.peer && !values.gateway) || (values.peer && values.gateway)) {
  console.log(usage)
  process.exit(values.help ? 0 : 2)
}

const progress = (p: PinProgress) => {
  if (process.stderr.isTTY) process.stderr.write(`\r${formatProgress(p)}\x1b[K`)
  else if (p.blocks % 50 === 1) process.stderr.write(`${formatProgress(p)}\n`)
}

let node: CreateNodeReturnType | undefined
try {
  const cid = parseCid(positionals[0])
  node = await createNode({ repo: values.repo })
  const timeoutMs = values.timeout ? Number(values.timeout) * 1000 : undefined
  const result = values.peer
    ? await pinFromPeer({ helia: node.helia, cid, peer: values.peer, blockTimeoutMs: timeoutMs, onProgress: progress })
    : await pinFromGateway({ helia: node.helia, cid, gateway: values.gateway as string, mode: values.raw ? 'raw' : 'car', timeoutMs, onProgress: progress })
  process.stderr.write('\n')
  console.log(`Pinned ${result.cid} (${result.blocks} blocks, ${result.bytes} bytes, every block checked against its CID) in ${node.repo}`)
} catch (error) {
  process.stderr.write('\n')
  console.error(describeError(error))
  process.exitCode = 1
} finally {
  await node?.stop()
}
