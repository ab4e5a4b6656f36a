import type { ConnectPlan } from './prepareConnect.ts'
import type { NetworkSettings } from '../../lib/settings/settingsData.ts'
import { requestFromService } from './requestFromService.ts'
import type { LightClientChannel } from './toLightClientChannel.ts'

export type RequestConnectPlanParameters = { channel: LightClientChannel; query: URLSearchParams; networks: NetworkSettings[] }

/**
 * Has the light-client service (its worker, or its bundle on the page) read a `#/connect` link
 * into a plan (prepareConnect): the chain config is parsed by Lodestar's code, which the worker
 * loads anyway, so the page's review screen carries no second copy of it. A refusal comes back as
 * its own error class, fields included.
 */
export function requestConnectPlan({ channel, query, networks }: RequestConnectPlanParameters): Promise<ConnectPlan> {
  return requestFromService({
    channel,
    request: (id) => ({ type: 'prepareConnect', id, query: query.toString(), networks }),
    answer: 'connectPlan',
    value: (message) => message.plan,
  })
}
