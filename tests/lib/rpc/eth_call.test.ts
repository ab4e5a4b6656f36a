import { describe, expect, it } from 'vitest'
import { createVerifiedRequest } from '../../../src/lib/rpc/createVerifiedRequest.ts'
import { flipByte } from '../execution/fixtures.ts'
import { recordedFixture } from './recordedFixture.ts'

describe('eth_call and eth_estimateGas on recorded mainnet data (block 17463226)', () => {
  it('computes the eth_call result locally over verified state', async () => {
    const { fixture, fetch, headers, asked } = recordedFixture('mainnet/eth_call.json')
    const { request } = createVerifiedRequest({ headers, rpcs: ['http://recorded'], chainId: 1, fetch })
    const [call] = fixture.request.params
    expect(await request({ method: 'eth_call', params: [call, 'latest'] })).toBe(fixture.response.result)
    expect(asked).toContain('eth_getProof')
  })

  it.each(['mainnet/eth_estimateGas_contract_call.json', 'mainnet/eth_estimateGas_simple_transfer.json'])('estimates gas as the node did: %s', async (file) => {
    const { fixture, fetch, headers } = recordedFixture(file)
    const { request } = createVerifiedRequest({ headers, rpcs: ['http://recorded'], chainId: 1, fetch })
    const [call] = fixture.request.params
    expect(await request({ method: 'eth_estimateGas', params: [call, 'latest'] })).toBe(fixture.response.result)
  })

  it('refuses to answer from forged code', async () => {
    const recorded = recordedFixture('mainnet/eth_call.json')
    for (const a of recorded.answers) if (a.method === 'eth_getCode' && a.result !== '0x') a.result = flipByte(a.result as string, 40)
    const { request, client } = createVerifiedRequest({ headers: recorded.headers, rpcs: ['http://recorded'], chainId: 1, fetch: recorded.fetch })
    await expect(request({ method: 'eth_call', params: [recorded.fixture.request.params[0], 'latest'] })).rejects.toThrow(/No honest RPC provider is left for eth_getProof, eth_getCode.*: the only one served data that failed verification\./)
    expect(client.providers()[0]).toMatchObject({ faulty: true, faultReason: expect.stringMatching(/code hash/) })
  })
})
