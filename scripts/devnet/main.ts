// `npm run devnet`: anvil + the devnet's Beacon API, until Ctrl-C.
import { parseArgs } from 'node:util'
import { DEFAULT_INFO_FILE, startDevnet } from './startDevnet.ts'

const { values } = parseArgs({
  options: {
    'seconds-per-slot': { type: 'string' },
    'beacon-port': { type: 'string', default: '9596' },
    'rpc-port': { type: 'string', default: '8545' },
    periods: { type: 'string' },
    participation: { type: 'string' },
    like: { type: 'string' },
    'info-file': { type: 'string', default: DEFAULT_INFO_FILE },
    'no-contracts': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
})
if (values.help) {
  console.log(`Usage: npm run devnet -- [options]
  --seconds-per-slot N   slot length (default 2; 12 with --like mainnet)
  --beacon-port N        Beacon API port (default 9596; 0 = any free port)
  --rpc-port N           anvil JSON-RPC port (default 8545; 0 = any free port)
  --periods N            sync-committee periods between checkpoint and head (default 3)
  --participation F      share of the sync committee that signs, 0 < F <= 1 (default 1)
  --like mainnet         mainnet's genesis, fork schedule and validators root, chain id 1, 12 s slots
  --info-file PATH       where to write the connection details (default ${DEFAULT_INFO_FILE})
  --no-contracts         skip ENS (dev.eth) and the ETH/USD price feed (starts a little faster)`)
  process.exit(0)
}
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v))
if (values.like !== undefined && values.like !== 'mainnet') {
  console.error(`--like accepts only "mainnet", got "${values.like}"`)
  process.exit(2)
}
const started = performance.now()
const devnet = await startDevnet({
  secondsPerSlot: num(values['seconds-per-slot']),
  beaconPort: num(values['beacon-port']),
  rpcPort: num(values['rpc-port']),
  periods: num(values.periods),
  participation: num(values.participation),
  like: values.like as 'mainnet' | undefined,
  infoFile: values['info-file'],
  ens: !values['no-contracts'],
  priceFeed: !values['no-contracts'],
})
const { ens, priceFeeds } = devnet.contracts ?? {}
console.log(`Latchkey devnet up in ${Math.round(performance.now() - started)} ms
  Beacon API        ${devnet.beaconUrl}
  JSON-RPC (anvil)  ${devnet.rpcUrl}
  chain id          ${devnet.chainId}
  checkpoint root   ${devnet.checkpointRoot} (slot ${devnet.checkpointSlot})
  genesis val. root ${devnet.genesisValidatorsRoot}
  genesis time      ${devnet.genesisTime}, ${devnet.secondsPerSlot} s slots, head slot ${devnet.headSlot}
  dev mnemonic      ${devnet.mnemonic}
${ens ? `  ENS               registered dev.eth -> ${ens.names['dev.eth']} (reverse record set: ${ens.names['dev.eth']} -> dev.eth)
                    Universal Resolver ${ens.universalResolver}, registry ${ens.registry}
` : ''}${priceFeeds ? `  price feed        ${priceFeeds.ethUsd.description} ${priceFeeds.ethUsd.address} (Chainlink AggregatorV3 interface, heartbeat ${priceFeeds.ethUsd.heartbeatSeconds} s)
` : ''}  details           ${values['info-file']}
Ctrl-C to stop.`)
let stopping = false
const shutdown = async () => {
  if (stopping) return
  stopping = true
  await devnet.stop()
  process.exit(0)
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
