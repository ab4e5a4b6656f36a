import type { ErrorData } from '../../lib/errorData.ts'
import { fromErrorData } from '../../lib/fromErrorData.ts'
import { LightClientStoppedError } from './errors.ts'
import type { FromWorker, ToWorker } from './lightClientProtocol.ts'
import type { LightClientChannel } from './toLightClientChannel.ts'

/** The answers that carry a request's id: a value, or the error it failed with. */
type Answer = Extract<FromWorker, { id: number; error?: ErrorData }>

export type RequestFromServiceParameters<T extends Answer['type'], R> = {
  channel: LightClientChannel
  /** The request, given its id. */
  request: (id: number) => ToWorker
  /** The answer's type, and what a successful one carries. */
  answer: T
  value: (message: Extract<Answer, { type: T }>) => R | undefined
}

let nextId = 0

/**
 * One request to the light-client service (its worker, or its bundle on the page) and its answer,
 * matched by id; a refusal comes back as its own error class, fields included (errorData.ts). A
 * channel closed before the answer (network switched, app closing) fails the request with
 * LightClientStoppedError instead of leaving it pending forever.
 */
export async function requestFromService<T extends Answer['type'], R>({ channel, request, answer, value }: RequestFromServiceParameters<T, R>): Promise<R> {
  await channel.loaded
  const id = ++nextId
  return new Promise<R>((resolve, reject) => {
    const off = channel.onMessage((message) => {
      if (message.type !== answer || (message as Answer).id !== id) return
      off()
      offClose()
      const found = value(message as Extract<Answer, { type: T }>)
      if (found !== undefined) resolve(found)
      else reject(fromErrorData((message as { error?: ErrorData }).error as ErrorData))
    })
    let stopped = false
    const offClose = channel.onClose(() => {
      stopped = true
      off()
      reject(new LightClientStoppedError())
    })
    if (!stopped) channel.postMessage(request(id))
  })
}
