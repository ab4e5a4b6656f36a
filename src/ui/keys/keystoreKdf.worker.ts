// The keystore's key derivation (scrypt or pbkdf2), off the page's main thread: scrypt at geth's
// standard settings takes seconds, and the tab must stay responsive and show progress meanwhile.
// An entry of the page's own build (scripts/build/workerEntries.ts), so the scrypt, pbkdf2 and
// errors it shares with the page are in shared chunks, not twice; started as an ES-module worker
// from its URL (`?worker&url`, deriveKeystoreKeyInWorker.ts), as the light-client worker is: same
// origin, so the CSP's `worker-src 'self'` allows it, no blob:. deriveKeystoreKey checks the settings against
// keystoreLimits again here: a worker never runs an unbounded derivation.
import { deriveKeystoreKey } from '../../lib/wallet/deriveKeystoreKey.ts'
import type { FromKeystoreWorker, ToKeystoreWorker } from './keystoreKdfProtocol.ts'

const post = (message: FromKeystoreWorker, transfer: Transferable[] = []) => postMessage(message, { transfer })

addEventListener('message', async (event: MessageEvent<ToKeystoreWorker>) => {
  const { password, kdf } = event.data
  // noble reports up to 10 000 times; the page needs a repaint's worth.
  let reported = -1
  try {
    const key = await deriveKeystoreKey({
      password,
      kdf,
      onProgress: (fraction) => {
        if (fraction - reported < 0.01 && fraction < 1) return
        reported = fraction
        post({ type: 'progress', fraction })
      },
    })
    post({ type: 'key', key }, [key.buffer])
  } catch (error) {
    const e = error as Error & { parameter?: string; value?: string | number; limit?: string; details?: string }
    post({ type: 'error', error: { name: e.name, message: e.message, parameter: e.parameter, value: e.value, limit: e.limit, details: e.details } })
  } finally {
    password.fill(0)
  }
})
