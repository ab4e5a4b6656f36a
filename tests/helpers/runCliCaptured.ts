import { type CliIo, runCli } from '../../src/cli/main.ts'

export type CapturedRun = { code: number; stdout: string; stderr: string }

/** Runs `latchkey` in-process and keeps what it wrote; `onStderr` sees each stderr write as it comes. */
export async function runCliCaptured(args: readonly string[], io: Omit<CliIo, 'stdout' | 'stderr'> & { onStderr?: (text: string) => void } = {}): Promise<CapturedRun> {
  const { onStderr, ...rest } = io
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, {
    ...rest,
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => { stderr += t; onStderr?.(t) } },
  })
  return { code, stdout, stderr }
}
