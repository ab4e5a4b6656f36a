import { type CapturedRun, runCliCaptured } from '../helpers/runCliCaptured.ts'

/** Runs `latchkey verify-app ...` in-process. */
export function verifyApp(...args: string[]): Promise<CapturedRun> {
  return runCliCaptured(['verify-app', ...args])
}
