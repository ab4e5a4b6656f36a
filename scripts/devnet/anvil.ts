import { type ChildProcess, spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'

export const DEV_MNEMONIC = 'test test test test test test test test test test test junk'

export type AnvilParameters = {
  port?: number
  /** Default anvil's own, 31337. */
  chainId?: number
  /** Timestamp of anvil's genesis block (unix seconds); default now. */
  genesisTimestamp?: number
  /**
   * Mine a block per transaction (tests of the execution side alone). Default off: the devnet's
   * beacon server mines one block per slot.
   */
  automine?: boolean
  /** More anvil flags, e.g. `--hardfork prague`. */
  args?: string[]
  mnemonic?: string
  accounts?: number
  balanceEth?: number
}

export type Anvil = { url: string; port: number; process: ChildProcess; stop(): Promise<void> }

function anvilBinary(): string {
  // The binary ships inside @foundry-rs/anvil-<platform>; resolve it without a download.
  const require = createRequire(import.meta.url)
  const pkg = `@foundry-rs/anvil-${process.platform === 'win32' ? 'win32' : process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}`
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'bin', process.platform === 'win32' ? 'anvil.exe' : 'anvil')
}

/** Starts anvil on 127.0.0.1, by default with automatic mining off (the beacon server mines one block per slot). */
export async function startAnvil(params: AnvilParameters): Promise<Anvil> {
  const args = [
    '--host', '127.0.0.1',
    '--port', String(params.port ?? 0),
    ...(params.automine ? [] : ['--no-mining']),
    ...(params.chainId === undefined ? [] : ['--chain-id', String(params.chainId)]),
    ...(params.genesisTimestamp === undefined ? [] : ['--timestamp', String(params.genesisTimestamp)]),
    '--mnemonic', params.mnemonic ?? DEV_MNEMONIC,
    '--accounts', String(params.accounts ?? 10),
    '--balance', String(params.balanceEth ?? 10000),
    ...(params.args ?? []),
  ]
  // A shell watchdog holds our stdin pipe: when this process dies, however abruptly, the pipe
  // closes and anvil is killed, so no orphaned node is left listening.
  const watchdog = 'trap "" INT; "$0" "$@" & pid=$!; read _; kill $pid 2>/dev/null; wait $pid'
  const child = spawn('sh', ['-c', watchdog, anvilBinary(), ...args], { stdio: ['pipe', 'pipe', 'pipe'] })
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    const onData = (chunk: Buffer) => {
      out += chunk.toString()
      const m = /Listening on 127\.0\.0\.1:(\d+)/.exec(out)
      if (m) {
        child.stdout?.off('data', onData)
        resolve(Number(m[1]))
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()))
    child.once('exit', (code) => reject(new Error(`anvil exited with code ${code} before listening:\n${out.slice(-2000)}`)))
    child.once('error', reject)
  })
  // Keep draining output so a full pipe never blocks anvil.
  child.stdout?.resume()
  child.stderr?.resume()
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.stdin?.end()
      setTimeout(() => child.kill('SIGKILL'), 2000).unref()
    })
  return { url: `http://127.0.0.1:${port}`, port, process: child, stop }
}
