// npm run serve -- [--port 8080] [--repo <folder>] [--cid <cid>] [--listen <multiaddr>] [--no-subdomain-redirect] [--public-routing]
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
  --public-routing           also use public delegated routing and recursive gateways (needs internet)
  -v, --verbose              log every request`)
  process.exit(0)
}

const node = await createNode({ repo: values.repo, listen: values.listen, publicRouting: values['public-routing'] })
const appCid = values.cid ?? (await readLastPublished({ repo: node.repo }))?.cid
const gateway = await startGateway({
  helia: node.helia,
  port: Number(values.port),
  redirectToSubdomain: !values['no-subdomain-redirect'],
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
