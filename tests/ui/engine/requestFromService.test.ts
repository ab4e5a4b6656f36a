import { expect, it } from 'vitest'
import { LightClientStoppedError } from '../../../src/ui/engine/errors.ts'
import { requestFromService } from '../../../src/ui/engine/requestFromService.ts'
import { toLightClientChannel } from '../../../src/ui/engine/toLightClientChannel.ts'

// A service that received the request but never answers it (a worker terminated mid-request).
function silentService() {
  const { port1, port2 } = new MessageChannel()
  const received: unknown[] = []
  port1.onmessage = (event) => received.push(event.data)
  const channel = toLightClientChannel({ endpoint: port2 as unknown as Worker, close: () => (port1.close(), port2.close()), before: { loaded: true, error: undefined } })
  return { channel, received }
}

const ask = (channel: ReturnType<typeof silentService>['channel']) =>
  requestFromService({ channel, request: (id) => ({ type: 'prepareConnect', id, query: '', networks: [] }), answer: 'connectPlan', value: (m) => m.plan })

it('fails a pending request with LightClientStoppedError when the channel closes, instead of never settling', async () => {
  const { channel, received } = silentService()
  const pending = ask(channel)
  while (received.length === 0) await new Promise((r) => setTimeout(r, 1))
  channel.close()
  await expect(pending).rejects.toBeInstanceOf(LightClientStoppedError)
})

it('sends nothing on a channel that is already closed, and says why', async () => {
  const { channel, received } = silentService()
  channel.close()
  await expect(ask(channel)).rejects.toBeInstanceOf(LightClientStoppedError)
  expect(received).toEqual([])
})
