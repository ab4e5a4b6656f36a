import { type Devnet, type DevnetParameters, startDevnet } from '../../scripts/devnet/startDevnet.ts'

/** A devnet for one test file: short slots, random ports. Stop it in afterAll. */
export function startTestDevnet(params: DevnetParameters = {}): Promise<Devnet> {
  return startDevnet({ secondsPerSlot: 1, ...params })
}
