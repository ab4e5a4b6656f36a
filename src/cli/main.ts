import { BaseError } from '../lib/errors.ts'
import { ExitCode, exitCodeOf } from './exitCodeOf.ts'
import { parseCliArgs, usage } from './parseCliArgs.ts'
import type { CliInput } from './readTerminalLine.ts'

export type CliIo = {
  stdout: { write(text: string): unknown }
  stderr: { write(text: string): unknown }
  /** Base for relative paths (state dir, devnet file); default process.cwd(). */
  cwd?: string
  fetch?: typeof fetch
  /** `send` reads the password and the confirmation here when it is a terminal (default process.stdin). */
  stdin?: CliInput
}

/** Runs `latchkey` with these arguments; resolves with the exit code (0 only when the output is verified). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let json = argv.includes('--json')
  try {
    if (argv[0] === 'verify-app') {
      // Checks the app itself, not the chain: none of the light client is loaded.
      const { parseVerifyAppArgs, verifyAppUsage } = await import('./parseVerifyAppArgs.ts')
      const options = parseVerifyAppArgs({ argv: argv.slice(1) })
      json = options.json
      if (options.help) {
        io.stdout.write(`${verifyAppUsage}\n`)
        return ExitCode.ok
      }
      const [{ runVerifyApp }, { formatVerifyApp }] = await Promise.all([import('./runVerifyApp.ts'), import('./formatVerifyApp.ts')])
      const result = await runVerifyApp({ options, cwd: io.cwd ?? process.cwd(), fetch: io.fetch })
      io.stdout.write(json ? `${toJson(result)}\n` : `${formatVerifyApp(result)}\n`)
      return ExitCode.ok
    }
    if (argv[0] === 'verify-bundle') {
      // Offline: no endpoint, no light-client sync; every failed check is exit 3.
      const { parseVerifyBundleArgs, verifyBundleUsage, runVerifyBundle, formatVerifyBundle } = await import('./runVerifyBundle.ts')
      const options = parseVerifyBundleArgs({ argv: argv.slice(1) })
      json = options.json
      if (options.help) {
        io.stdout.write(`${verifyBundleUsage}\n`)
        return ExitCode.ok
      }
      try {
        const result = await runVerifyBundle({ options, cwd: io.cwd ?? process.cwd() })
        io.stdout.write(json ? `${toJson(result)}\n` : `${formatVerifyBundle(result)}\n`)
        return ExitCode.ok
      } catch (error) {
        throw exitCodeOf(error) === ExitCode.usage ? error : Object.assign(error as Error, { [bundleCheck]: true })
      }
    }
    const options = parseCliArgs({ argv })
    json = options.json
    if (options.command === 'help') {
      io.stdout.write(`${usage}\n`)
      return ExitCode.ok
    }
    // Loaded after the arguments check out: the light client and EVM take a while to load.
    const [{ runCommand }, { formatText }, { formatWarning }] = await Promise.all([import('./runCommand.ts'), import('./formatText.ts'), import('./collectWarnings.ts')])
    // process.stdin is touched only by send: opening it can keep a process alive.
    const terminal = options.command === 'send' ? { input: io.stdin ?? process.stdin, stdout: io.stdout, stderr: io.stderr } : undefined
    // history: a progress line on a terminal (rewritten in place), nothing for scripts.
    const progress = options.command === 'history' && (io.stderr as { isTTY?: boolean }).isTTY ? (line: string) => io.stderr.write(`\r\x1b[2K${line}`) : undefined
    const result = await runCommand({ options, cwd: io.cwd ?? process.cwd(), fetch: io.fetch, terminal, progress })
    if (progress) io.stderr.write('\r\x1b[2K')
    io.stdout.write(json ? `${toJson(result)}\n` : `${formatText(result)}\n`)
    for (const warning of result.warnings) io.stderr.write(`${formatWarning(warning)}\n`)
    const reverted = ((result.kind === 'call' || result.kind === 'simulate') && result.reverted) || (result.kind === 'send' && result.receipt?.status === 'reverted')
    // An offchain ENS answer (allowed with --allow-offchain) is printed, but it is not verified.
    if (result.kind === 'ens' && !result.verified) return ExitCode.verification
    return reverted ? ExitCode.reverted : ExitCode.ok
  } catch (error) {
    const code = (error as { [bundleCheck]?: boolean })?.[bundleCheck] ? ExitCode.verification : exitCodeOf(error)
    const name = (error as Error)?.name ?? 'Error'
    const message = error instanceof BaseError ? error.shortMessage : String((error as Error)?.message ?? error)
    const meta = describeCauses(error)
    io.stderr.write(`latchkey: ${name}: ${message}\n${meta.map((m) => `  ${m}\n`).join('')}`)
    if (json) io.stdout.write(`${toJson({ verified: false, exitCode: code, error: { name, message, details: meta, ...staleHeadOf(error) } })}\n`)
    return code
  }
}

/** Marks an error from a bundle's checks: whatever its class, the bundle did not verify (exit 3). */
const bundleCheck = Symbol('bundleCheck')

/** HeadNotCurrentError: the refused head's block, slot, timestamp and age, and the limit, for scripts (matched by name: no load of the light client here). */
function staleHeadOf(error: unknown): { head?: Record<string, unknown> } {
  if ((error as Error)?.name !== 'HeadNotCurrentError') return {}
  const { blockNumber, slot, timestamp, ageSeconds, limitSeconds, status } = error as Record<string, unknown>
  return { head: { blockNumber: blockNumber?.toString(), slot, timestamp, ageSeconds, limitSeconds, status } }
}

/** Hints, or for a pool failure one line per endpoint naming the error class (what the UI switches on), nested failures flattened. */
function describeCauses(error: unknown, depth = 0): string[] {
  const errors = (error as { errors?: unknown[] })?.errors
  if (!Array.isArray(errors)) return error instanceof BaseError ? (error.metaMessages ?? []) : []
  return errors.flatMap((x) => {
    const { endpoint, error: e, provenAt } = (x as { endpoint?: string })?.endpoint ? (x as { endpoint: string; error: unknown; provenAt?: string }) : { endpoint: undefined, error: x, provenAt: undefined }
    const nested = (e as { errors?: unknown[] })?.errors
    // A failure made of failures (a verified method inside another): show the leaves, which say what was wrong.
    if (Array.isArray(nested) && nested.length > 0 && depth < 3) return describeCauses(e, depth + 1)
    const text = e instanceof BaseError ? e.shortMessage : String((e as Error)?.message ?? e)
    // RPC failures name their provider themselves (`url`), beacon pool entries beside the error.
    const url = (e as { url?: unknown })?.url
    const where = endpoint ?? (typeof url === 'string' && !text.includes(url) ? url : undefined)
    return [`${where ? `${where}: ` : ''}${(e as Error)?.name ?? 'Error'}: ${text}${provenAt ? ` (caught at ${provenAt})` : ''}`]
  })
}

function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v), 2)
}
