import { HeaderNotAvailableError } from '../lib/consensus/errors.ts'
import type { LightClient } from '../lib/consensus/LightClient.ts'

/**
 * A bundle rests on a head whose light-client update the client kept, and a run that resumed
 * from its saved state keeps none for the heads it restored: follow the chain until a head
 * verified in this run (at most `timeoutMs`; a new head comes every slot).
 */
export async function waitForProvableHead({ client, timeoutMs }: { client: LightClient; timeoutMs: number }): Promise<void> {
  const provable = () => {
    const hash = client.state.optimistic?.execution?.blockHash
    return hash !== undefined && client.headEvidence(hash) !== undefined
  }
  const deadline = Date.now() + timeoutMs
  const pauseMs = (client.state.secondsPerSlot * 1000) / 4
  while (!provable()) {
    if (Date.now() > deadline) throw new HeaderNotAvailableError({ reason: `no head verified in this run within ${timeoutMs} ms: a bundle needs the update that made its head trusted` })
    await new Promise((r) => setTimeout(r, pauseMs))
    await client.syncOnce()
  }
}
