import { describe, expect, it } from 'vitest'
import { InvalidMerkleBranchError, carriesProvenFault, isProvenFault } from '../../src/lib/consensus/errors.ts'
import { AllEndpointsFailedError, BlockedByBrowserError, EndpointError, NetworkError, RateLimitedError } from '../../src/lib/endpoints/errors.ts'
import { toErrorData } from '../../src/lib/errorData.ts'
import { fromErrorData } from '../../src/lib/fromErrorData.ts'
import { BaseError } from '../../src/lib/errors.ts'
import { AccountProofMismatchError, VerificationError } from '../../src/lib/execution/errors.ts'
import { AllProvidersFailedError } from '../../src/lib/rpc/errors.ts'

/** As a worker message would carry it. */
const acrossWorker = (error: unknown) => fromErrorData(structuredClone(toErrorData(error)))

describe('errors as data (the light-client worker boundary)', () => {
  it('rebuilds a pool failure with its class, its fields and the nested proof of fault', () => {
    const proof = new InvalidMerkleBranchError({ branch: 'finality', slot: 8321 })
    proof.endpoint = 'http://127.0.0.1:4000'
    const error = new AllEndpointsFailedError({
      path: '/eth/v1/beacon/light_client/finality_update',
      errors: [{ endpoint: 'http://127.0.0.1:4001', error: new NetworkError({ url: 'http://127.0.0.1:4001/x' }) }, { endpoint: proof.endpoint, error: proof, provenAt: '/eth/v1/beacon/light_client/finality_update' }],
    })
    const rebuilt = acrossWorker(error) as AllEndpointsFailedError
    expect(rebuilt).toBeInstanceOf(AllEndpointsFailedError)
    expect(rebuilt).toBeInstanceOf(BaseError)
    expect(rebuilt).toMatchObject({ name: 'AllEndpointsFailedError', shortMessage: error.shortMessage, message: error.message, path: error.path, metaMessages: error.metaMessages })
    const [down, lied] = rebuilt.errors
    expect(down!.error).toBeInstanceOf(NetworkError)
    expect(lied).toMatchObject({ endpoint: 'http://127.0.0.1:4000', provenAt: '/eth/v1/beacon/light_client/finality_update' })
    expect(lied!.error).toBeInstanceOf(InvalidMerkleBranchError)
    expect(lied!.error).toMatchObject({ branch: 'finality', slot: 8321, endpoint: 'http://127.0.0.1:4000' })
    expect(isProvenFault(lied!.error)).toBe(true)
    expect(carriesProvenFault(rebuilt)).toBe(true)
  })

  it('keeps an RPC proof mismatch with the liar\'s url, the claimed and the proven value', () => {
    const lie = new AccountProofMismatchError({ address: '0x0000000000000000000000000000000000000001', field: 'balance', claimed: '1', proven: '2' }).blame('http://127.0.0.1:8545')
    const rebuilt = acrossWorker(new AllProvidersFailedError({ method: 'eth_getProof', errors: [lie] })) as AllProvidersFailedError
    expect(rebuilt.shortMessage).toBe('No honest RPC provider is left for eth_getProof: the only one served data that failed verification.')
    expect(rebuilt.errors[0]).toBeInstanceOf(VerificationError)
    expect(rebuilt.errors[0]).toMatchObject({ name: 'AccountProofMismatchError', url: 'http://127.0.0.1:8545', claimed: '1', proven: '2' })
    expect(rebuilt.cause).toBeInstanceOf(AccountProofMismatchError)
  })

  it('keeps an endpoint error\'s own class and evidence (the RPC client\'s and the beacon pool\'s are one family)', () => {
    const limited = acrossWorker(new RateLimitedError({ url: 'http://127.0.0.1:8545', kind: 'RPC', retryAfterMs: 3000 }))
    expect(limited).toBeInstanceOf(RateLimitedError)
    expect(limited).toBeInstanceOf(EndpointError)
    expect(limited).toMatchObject({ url: 'http://127.0.0.1:8545', kind: 'RPC', retryAfterMs: 3000 })
    const blocked = acrossWorker(new BlockedByBrowserError({ url: 'https://beacon.example/eth/v1/x', kind: 'beacon API' }))
    expect(blocked).toBeInstanceOf(BlockedByBrowserError)
    expect(blocked).toMatchObject({ host: 'beacon.example', shortMessage: 'The beacon API at beacon.example was blocked by the browser (CORS): it answers, but does not allow this page\'s origin.' })
  })

  it('an unknown error keeps its name and sentence', () => {
    const rebuilt = acrossWorker(new ReferenceError('Buffer is not defined'))
    expect(rebuilt).toBeInstanceOf(BaseError)
    expect(rebuilt).toMatchObject({ name: 'ReferenceError', message: 'Buffer is not defined', shortMessage: 'Buffer is not defined' })
  })
})
