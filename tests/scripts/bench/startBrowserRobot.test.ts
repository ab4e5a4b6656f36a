import { afterAll, expect, it } from 'vitest'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { rm } from 'node:fs/promises'
import { createProfileDir } from '../../../scripts/bench/launchChromium.ts'
import { type BrowserRobot, startBrowserRobot } from '../../../scripts/bench/startBrowserRobot.ts'

// The bench's browser robot runs in a process of its own: a start that fails there must come
// back as that start's error (with the page's words), and the robot must go on with the next.
let robot: BrowserRobot | undefined
const profiles: string[] = []
afterAll(async () => {
  await robot?.close()
  await Promise.all(profiles.map((p) => rm(p, { recursive: true, force: true })))
})

it('reports a failed start as its error and runs the next start in the same child process', async () => {
  // A page with the floor's milestones set by its first script (so a warm start ends at once) and no review button.
  const page = `<!doctype html><title>robot</title><body data-light-client="running"><p>no review here</p>
<script>document.body.insertAdjacentHTML('beforeend', '<div data-sync-status="synced" data-head-block="1"><span data-verified-balance data-block="1">1 ETH</span></div>')</script>`
  const server = createServer((_req, res) => res.end(page)).listen(0, '127.0.0.1')
  await new Promise((r) => server.once('listening', r))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  try {
    robot = await startBrowserRobot()
    profiles.push(await createProfileDir(), await createProfileDir())
    // A port nothing listens on: the cold start's navigation fails in the child.
    const closed = createServer().listen(0, '127.0.0.1')
    await new Promise((r) => closed.once('listening', r))
    const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`
    await new Promise((r) => closed.close(r))
    await expect(robot.cold({ profile: profiles[0]!, url: closedUrl, address: '0x0000000000000000000000000000000000000001' })).rejects.toThrow(/browser robot: page\.goto: net::ERR_CONNECTION_REFUSED/)
    const warm = await robot.warm({ profile: profiles[1]!, url })
    expect(warm.synced).toBeGreaterThan(0)
    expect(warm.controlled).toBe(false)
  } finally {
    server.close()
  }
}, 120_000)
