import { type ErrorData, fromErrorData } from '../../lib/errorData.ts'
import type { ConnectPlan } from './prepareConnect.ts'
import type { NetworkSettings } from '../../lib/settings/settingsData.ts'
import type { LightClientChannel } from './toLightClientChannel.ts'

export type RequestConnectPlanParameters = { channel: LightClientChannel; query: URLSearchParams; networks: NetworkSettings[] }

let nextId = 0

/**
 * Has the light-client service (its worker, or its bundle on the page) read a `#/connect` link
 * into a plan (prepareConnect): the chain config is parsed by Lodestar's code, which the worker
 * loads anyway, so the page's review screen carries no second copy of it. A refusal comes back as
 * its own error class, fields included.
 */
export async function requestConnectPlan({ channel, query, networks }: RequestConnectPlanParameters): Promise<ConnectPlan> {
  await channel.loaded
  const id = ++nextId
  return new Promise<ConnectPlan>((resolve, reject) => {
    const off = channel.onMessage((message) => {
      if (message.type !== 'connectPlan' || message.id !== id) return
      off()
      if (message.plan) resolve(message.plan)
      else reject(fromErrorData(message.error as ErrorData))
    })
    channel.postMessage({ type: 'prepareConnect', id, query: query.toString(), networks })
  })
}
