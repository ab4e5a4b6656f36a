import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { RobotAnswer, RobotJob } from './browserRobot.ts'
import type { StartRun, WarmRun } from './browserStartFlows.ts'

type Job<F> = F extends RobotJob['flow'] ? Omit<Extract<RobotJob, { flow: F }>, 'id' | 'flow'> : never

export type BrowserRobot = {
  cold: (job: Job<'cold'>) => Promise<StartRun>
  warm: (job: Job<'warm'>) => Promise<WarmRun>
  close: () => Promise<void>
}

/**
 * Starts the bench's browser robot (browserRobot.ts) in a child process, under tsx's loader (named
 * here, not inherited: a test runner's process has its own). Each start is one message; an error
 * in a start rejects that start only.
 */
export async function startBrowserRobot(): Promise<BrowserRobot> {
  const child = fork(fileURLToPath(new URL('./browserRobot.ts', import.meta.url)), { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const pending = new Map<number, { resolve: (run: StartRun) => void; reject: (error: Error) => void }>()
  let next = 1
  let exited: Error | undefined
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve())
    child.once('exit', (code) => reject(new Error(`the browser robot exited before it was ready (code ${code})`)))
  })
  child.on('message', (answer: RobotAnswer) => {
    const waiting = pending.get(answer.id)
    if (!waiting) return
    pending.delete(answer.id)
    if ('error' in answer) waiting.reject(new Error(`browser robot: ${answer.error}`))
    else waiting.resolve(answer.run)
  })
  child.on('exit', (code) => {
    exited = new Error(`the browser robot exited (code ${code})`)
    for (const { reject } of pending.values()) reject(exited)
    pending.clear()
  })
  const send = (job: Omit<RobotJob, 'id'>): Promise<StartRun> => {
    if (exited) return Promise.reject(exited)
    const id = next++
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject })
      child.send({ ...job, id })
    })
  }
  return {
    cold: (job) => send({ ...job, flow: 'cold' }),
    warm: (job) => send({ ...job, flow: 'warm' }) as Promise<WarmRun>,
    close: async () => {
      if (exited) return
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      child.disconnect()
      await gone
    },
  }
}
