import { expect, it } from 'vitest'
import { toLightClientChannel } from '../../../src/ui/engine/toLightClientChannel.ts'

// A worker index.html started may have said 'loaded' (or failed) before the page made its channel.
const endpoint = () => {
  const { port1, port2 } = new MessageChannel()
  return { port1, channel: (before?: { loaded: boolean; error: string | undefined }) => toLightClientChannel({ endpoint: port2 as unknown as Worker, close: () => port2.close(), before }) }
}

it("resolves loaded at once for a worker that already said 'loaded' before the channel existed", async () => {
  const { channel } = endpoint()
  await expect(channel({ loaded: true, error: undefined }).loaded).resolves.toBeUndefined()
})

it('rejects loaded with the load error a worker reported before the channel existed', async () => {
  const { channel } = endpoint()
  await expect(channel({ loaded: false, error: 'the worker script failed to load' }).loaded).rejects.toThrow('the worker script failed to load')
})

it("still waits for the worker's own 'loaded' when nothing was said before", async () => {
  const { port1, channel } = endpoint()
  const c = channel({ loaded: false, error: undefined })
  let done = false
  void c.loaded.then(() => (done = true))
  await new Promise((r) => setTimeout(r, 0))
  expect(done).toBe(false)
  port1.postMessage({ type: 'loaded' })
  await c.loaded
  c.close()
  port1.close()
})

it('tells its close listeners once when it closes, and a listener added after that at once', () => {
  const { port1, channel } = endpoint()
  const c = channel({ loaded: true, error: undefined })
  const heard: string[] = []
  c.onClose(() => heard.push('first'))
  const off = c.onClose(() => heard.push('removed'))
  off()
  c.close()
  c.close()
  expect(heard).toEqual(['first'])
  c.onClose(() => heard.push('late'))
  expect(heard).toEqual(['first', 'late'])
  port1.close()
})
