import { runCli } from '../../src/cli/main.ts'

/** Runs `latchkey verify-app ...` in-process. */
export async function verifyApp(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(['verify-app', ...args], { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } })
  return { code, stdout, stderr }
}
