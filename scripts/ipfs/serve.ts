// npm run serve -- [--port 8080] [--repo <folder>] [--cid <cid>] [--listen <multiaddr>] [--no-subdomain-redirect] [--subdomain-host <host>] [--memory-cache-mib 64] [--public-routing]
import '../polyfills.ts'
import { parseArgs } from 'node:util'
import { parseCid } from '../../src/lib/ipfs/parseCid.ts'
import { createNode } from './createNode.ts'
import { defaultGatewayPort } from './defaults.ts'
import { readLastPublished } from './lastPublished.ts'
import { startGateway } from './startGateway.ts'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: String(defaultGatewayPort) },
    repo: { type: 'string' },
    cid: { type: 'string' },
    listen: { type: 'string', multiple: true },
    'no-subdomain-redirect': { type: 'boolean', default: false },
    'subdomain-host': { type: 'string', multiple: true, default: [] },
    'memory-cache-mib': { type: 'string', default: '64' },
    'public-routing': { type: 'boolean', default: false },
    verbose: { type: 'boolean', short: 'v', default: false },
    help: { type: 'boolean', short: 'h' },
  },
})

if (values.help) {
  console.log(`Usage: npm run serve -- [options]
  --port <n>                 HTTP gateway port on 127.0.0.1 (default ${defaultGatewayPort}; 0 for any free port)
  --repo <folder>            node repo (default $LATCHKEY_IPFS_REPO or .latchkey/ipfs)
  --cid <cid>                the app to announce (default: the last \`npm run publish\`)
  --listen <multiaddr>       libp2p listen address, repeatable (default /ip4/127.0.0.1/tcp/0)
  --no-subdomain-redirect    serve /ipfs/<cid>/ directories in place instead of redirecting to <cid>.ipfs.localhost
  --subdomain-host <host>    also redirect to <cid>.ipfs.<host> when a request names this host (repeatable;
                             https://<host> for TLS behind a proxy); other Host headers are served in place
  --memory-cache-mib <n>     memory for the published and pinned files (default 64; 0 turns it off)
  --public-routing           also use public delegated routing and recursive gateways (needs internet)
  -v, --verbose              log every request`)
  process.exit(0)
}

const cacheMib = Number(values['memory-cache-mib'])
if (!Number.isFinite(cacheMib) || cacheMib < 0) {
  console.error(`--memory-cache-mib: expected a number of MiB, got ${values['memory-cache-mib']}`)
  process.exit(2)
}
const node = await createNode({ repo: values.repo, listen: values.listen, publicRouting: values['public-routing'] })
const appCid = values.cid ?? (await readLastPublished({ repo: node.repo }))?.cid
const gateway = await startGateway({
  helia: node.helia,
  port: Number(values.port),
  redirectToSubdomain: !values['no-subdomain-redirect'],
  subdomainHosts: values['subdomain-host'],
  memoryCache: cacheMib === 0 ? false : { maxBytes: cacheMib * 1024 * 1024 },
  appCid,
  log: values.verbose ? (line) => console.log(line) : undefined,
})

console.log('libp2p listening on:')
for (const addr of node.multiaddrs()) console.log(`  ${addr}`)
console.log(`Gateway:            ${gateway.url}/ipfs/<cid>/  and  http://<cid>.ipfs.localhost:${gateway.port}/`)
if (appCid) {
  const { pathUrl, subdomainUrl } = gateway.urlsFor(appCid)
  if (!(await node.helia.pins.isPinned(parseCid(appCid))))
    console.log(`Warning: ${appCid} is not pinned in ${node.repo}; run \`npm run publish\` or \`npm run pin -- ${appCid}\`.`)
  console.log(`App (own origin):   ${subdomainUrl}`)
  console.log(`App (path gateway): ${pathUrl}index.html   (shared origin: watch-only)`)
} else {
  console.log('No app published in this repo yet: run `npm run build && npm run publish`.')
}
console.log('Ctrl-C to stop.')

let stopping = false
async function shutdown() {
  if (stopping) return
  stopping = true
  await gateway.close()
  await node.stop()
  process.exit(0)
}
process.on('SIGINT', () => void shutdown())
process.on('SIGTERM', () => void shutdown())
