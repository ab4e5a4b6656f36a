// `npm start`: the whole thing on embedded defaults, no internet: the devnet, a production build
// published to a local Helia node, served through its gateway; prints the app's URL.
import './polyfills.ts'
import { createServer } from 'node:net'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { build } from 'vite'
import { devnetConnectQuery } from './devnet/connectQuery.ts'
import { DEFAULT_INFO_FILE, startDevnet } from './devnet/startDevnet.ts'
import { createNode } from './ipfs/createNode.ts'
import { defaultGatewayPort } from './ipfs/defaults.ts'
import { publishDist } from './ipfs/publishDist.ts'
import { startGateway } from './ipfs/startGateway.ts'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: String(defaultGatewayPort) },
    'beacon-port': { type: 'string', default: '9596' },
    'rpc-port': { type: 'string', default: '8545' },
    'seconds-per-slot': { type: 'string' },
    repo: { type: 'string' },
    'out-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
})
if (values.help) {
  console.log(`Usage: npm start -- [options]
  --port N              IPFS gateway port (default ${defaultGatewayPort})
  --beacon-port N       devnet Beacon API port (default 9596)
  --rpc-port N          devnet JSON-RPC (anvil) port (default 8545)
  --seconds-per-slot N  devnet slot length (default 2)
  --repo PATH           IPFS repo folder (default .latchkey/ipfs)
  --out-dir PATH        where to build the app (default dist/)
A port that is taken falls back to a free one.`)
  process.exit(0)
}

/** The requested port when it is free, else any free port (so a second `npm start` still works). */
async function freePort(wanted: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | undefined>((done) => {
      const srv = createServer()
      srv.once('error', () => done(undefined))
      srv.listen(port, '127.0.0.1', () => {
        const { port: got } = srv.address() as { port: number }
        srv.close(() => done(got))
      })
    })
  return (await tryListen(wanted)) ?? (await tryListen(0))!
}

const t0 = performance.now()
const step = (what: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1)} s] ${what}`)

step('starting the devnet (anvil + Beacon API)')
const devnet = await startDevnet({
  beaconPort: await freePort(Number(values['beacon-port'])),
  rpcPort: await freePort(Number(values['rpc-port'])),
  secondsPerSlot: values['seconds-per-slot'] ? Number(values['seconds-per-slot']) : undefined,
  infoFile: DEFAULT_INFO_FILE,
  ens: true,
  priceFeed: true,
})
const cleanup: (() => Promise<unknown>)[] = [() => devnet.stop()]
let stopping = false
async function shutdown(code = 0) {
  if (stopping) return
  stopping = true
  for (const fn of cleanup.reverse()) await fn().catch(() => undefined)
  process.exit(code)
}
process.on('SIGINT', () => void shutdown())
process.on('SIGTERM', () => void shutdown())

try {
  step('building the app (vite build)')
  const root = resolve(import.meta.dirname, '..')
  const outDir = resolve(root, values['out-dir'] ?? 'dist')
  await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } })

  step('publishing dist/ to the local Helia node')
  const node = await createNode({ repo: values.repo })
  cleanup.push(() => node.stop())
  const { cid, carPath } = await publishDist({ dir: outDir, node })

  const gateway = await startGateway({ helia: node.helia, port: await freePort(Number(values.port)), appCid: cid.toString(), redirectToSubdomain: true })
  cleanup.push(() => gateway.close())
  const { subdomainUrl, pathUrl } = gateway.urlsFor(cid)
  // Everything run-specific goes in the URL fragment, never into the build: the CID stays the
  // same for the same source, and the fragment never leaves the browser.
  const connect = devnetConnectQuery(devnet)
  step('ready')
  console.log(`
Latchkey is up.

  Open the app:      ${subdomainUrl}#/connect?${connect}
                     (it shows what the link sets up, a custom network "devnet" with its ENS and
                     price feed; confirm with "Add network")

  App CID:           ${cid}
  Path gateway:      ${pathUrl}  (shared origin: watch-only)
  CAR of the app:    ${carPath}
  libp2p:            ${node.multiaddrs().map(String).join('\n                     ')}
  Beacon API:        ${devnet.beaconUrl}
  JSON-RPC (anvil):  ${devnet.rpcUrl}  (chain id ${devnet.chainId})
  Checkpoint:        ${devnet.checkpointRoot}
  ENS:               dev.eth -> ${devnet.accounts[0]} (Universal Resolver ${devnet.contracts?.ens?.universalResolver})
  Dev mnemonic:      ${devnet.mnemonic}
  Devnet details:    ${DEFAULT_INFO_FILE}

Ctrl-C to stop.`)
} catch (e) {
  console.error('npm start failed:', e)
  await shutdown(1)
}
