/**
 * The bench's browser robot in a process of its own (started by startBrowserRobot.ts): Playwright's
 * client and its CDP traffic here, while the bench's main process serves the gateway, the devnet's
 * beacon API and its slots. In one process, the robot's actions waited 48-93 ms two or three times
 * a cold run whenever those servers held the event loop (README, "the robot in a process of its
 * own"), and a user's browser never waits on its gateway's event loop.
 */
import { type StartRun, type WarmRun, coldStart, warmStart } from './browserStartFlows.ts'

export type RobotJob =
  | { id: number; flow: 'cold'; profile: string; url: string; address: string }
  | { id: number; flow: 'warm'; profile: string; url: string; thenServiceWorker?: boolean }
export type RobotAnswer = { id: number; run: StartRun | WarmRun } | { id: number; error: string }

process.on('message', (job: RobotJob) => {
  const started = job.flow === 'cold' ? coldStart(job) : warmStart(job)
  started.then(
    (run) => process.send!({ id: job.id, run } satisfies RobotAnswer),
    (error: Error) => process.send!({ id: job.id, error: error.stack ?? String(error) } satisfies RobotAnswer),
  )
})
process.on('disconnect', () => process.exit(0))
process.send!({ id: 0, ready: true })
