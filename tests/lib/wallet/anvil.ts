import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'

export type TestAnvil = { url: string; stop(): Promise<void> }

/** A throwaway anvil on a free port (port 0), automine off so transactions stay pending until mined. */
export async function startTestAnvil({ chainId = 31337 }: { chainId?: number } = {}): Promise<TestAnvil> {
  const bin = path.resolve('node_modules/.bin/anvil')
  const child: ChildProcess = spawn(bin, ['--host', '127.0.0.1', '--port', '0', '--no-mining', '--chain-id', String(chainId)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString()
      const m = /Listening on 127\.0\.0\.1:(\d+)/.exec(out)
      if (m) resolve(Number(m[1]))
    })
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()))
    child.once('exit', (code) => reject(new Error(`anvil exited (${code}): ${out.slice(-1000)}`)))
  })
  child.stdout!.resume()
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
