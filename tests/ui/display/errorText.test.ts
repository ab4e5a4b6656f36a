import { createPublicClient, custom } from 'viem'
import { describe, expect, it } from 'vitest'
import { InvalidSyncSignatureError } from '../../../src/lib/consensus/errors.ts'
import { AllEndpointsFailedError, NetworkError } from '../../../src/lib/endpoints/errors.ts'
import { AccountProofMismatchError } from '../../../src/lib/execution/errors.ts'
import { AllProvidersFailedError } from '../../../src/lib/rpc/errors.ts'
import { HeadNotCurrentError } from '../../../src/lib/consensus/errors.ts'
import { errorText, findLiars } from '../../../src/ui/display/errorText.ts'

const address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'

describe('errorText', () => {
  it('names the lying RPC and what it got wrong through viem\'s wrapping, instead of "An unknown RPC error occurred."', async () => {
    const lie = new AccountProofMismatchError({ address, field: 'balance', claimed: '1', proven: '10000' }).blame('http://127.0.0.1:40123')
    const failure = new AllProvidersFailedError({ method: 'eth_getProof', errors: [new NetworkError({ url: 'http://127.0.0.1:40124', kind: 'RPC' }), lie] })
    const client = createPublicClient({ transport: custom({ request: async () => { throw failure } }, { retryCount: 0 }) })
    const thrown = await client.getBalance({ address }).catch((e) => e)
    expect(thrown.shortMessage).toBe('An unknown RPC error occurred.')
    expect(errorText(thrown)).toBe(`The RPC at 127.0.0.1:40123 served false data: The provider's balance for ${address} does not match the proof (it claimed 1 wei; the proof says 10000 wei).`)
  })

  it('names a lying beacon API from a pool failure, once per endpoint', () => {
    const proof = new InvalidSyncSignatureError({ signatureSlot: 9, attestedSlot: 8 })
    proof.endpoint = 'https://beacon.example:5052'
    const failure = new AllEndpointsFailedError({ path: '/eth/v1/beacon/light_client/finality_update', errors: [{ endpoint: proof.endpoint, error: proof }, { endpoint: proof.endpoint, error: proof, provenAt: '/x' }] })
    expect(findLiars(failure)).toEqual([{ kind: 'beacon API', url: 'https://beacon.example:5052', name: 'InvalidSyncSignatureError', what: 'The sync committee signature over slot 8 (signed at slot 9) does not verify.' }])
    expect(errorText(failure)).toBe('The beacon API at beacon.example:5052 served false data: The sync committee signature over slot 8 (signed at slot 9) does not verify.')
  })

  it('without a liar, the typed error\'s short message', () => {
    expect(errorText(new NetworkError({ url: 'http://127.0.0.1:1', kind: 'RPC' }))).toBe('The RPC at http://127.0.0.1:1 could not be reached.')
    expect(errorText('plain')).toBe('plain')
  })

  it('a head that is not current: the refusal says what would be stale for the action refused (a send\'s words by default)', () => {
    const at = { status: 'syncing', blockNumber: 7n, slot: 12, ageMs: 30_000, limitSeconds: 4 }
    expect(errorText(new HeadNotCurrentError(at))).toBe('Refused: The newest verified head, block 7 (slot 12), is 30.0 s old (the light client is still syncing), past the limit of 4 s. Nonce, balance and fees from it would be stale; wait until the light client is current again.')
    expect(errorText(new HeadNotCurrentError({ ...at, stale: 'A token read from it could find no contract where there is one now.' })))
      .toBe('Refused: The newest verified head, block 7 (slot 12), is 30.0 s old (the light client is still syncing), past the limit of 4 s. A token read from it could find no contract where there is one now; wait until the light client is current again.')
  })
})
