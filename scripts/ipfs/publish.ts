// npm run publish -- [--dir dist] [--repo .latchkey/ipfs] [--car <path>] [--port 8080]
import '../polyfills.ts'
import { relative } from 'node:path'
import { parseArgs } from 'node:util'
import { getGatewayUrls } from '../../src/lib/ipfs/getGatewayUrls.ts'
import { defaultGatewayPort } from './defaults.ts'
import { kuboAddCommand } from './kuboAddCommand.ts'
import { publishDist } from './publishDist.ts'

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    repo: { type: 'string' },
    car: { type: 'string' },
    port: { type: 'string', default: String(defaultGatewayPort) },
    help: { type: 'boolean', short: 'h' },
  },
})

if (values.help) {
  console.log('Usage: npm run publish -- [--dir dist] [--repo <folder>] [--car <file>] [--port <gateway port for the printed URLs>]')
  process.exit(0)
}

try {
  const { cid, carPath, files, skipped, repo } = await publishDist({ dir: values.dir, repo: values.repo, carPath: values.car })
  const { pathUrl, subdomainUrl } = getGatewayUrls({ cid, gatewayOrigin: `http://127.0.0.1:${values.port}` })
  const cwd = process.cwd()
  console.log(`Published ${files.length} files, pinned in ${relative(cwd, repo) || repo}`)
  if (skipped.length > 0) console.log(`Left out (hidden or symlinks, as \`ipfs add -r\` does): ${skipped.join(', ')}`)
  console.log(`CID:               ${cid}`)
  console.log(`Path gateway:      ${pathUrl}`)
  console.log(`Subdomain gateway: ${subdomainUrl}`)
  console.log(`CAR:               ${relative(cwd, carPath)}`)
  console.log('')
  console.log(`Serve it:          npm run serve${values.port === String(defaultGatewayPort) ? '' : ` -- --port ${values.port}`}`)
  console.log(`Same CID in Kubo:  ${kuboAddCommand({ dir: values.dir ?? 'dist' })}`)
  console.log(`Import the CAR:    ipfs dag import ${relative(cwd, carPath)}`)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
