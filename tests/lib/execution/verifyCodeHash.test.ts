import { describe, expect, it } from 'vitest'
import { CodeHashMismatchError } from '../../../src/lib/execution/errors.ts'
import { EMPTY_CODE_HASH, verifyAccountProof } from '../../../src/lib/execution/verifyAccountProof.ts'
import { verifyCodeHash } from '../../../src/lib/execution/verifyCodeHash.ts'
import { BLOCK_21925176, HELIOS_RPC, LODESTAR, flipByte, readFixture } from './fixtures.ts'

describe('verifyCodeHash', () => {
  it('accepts the mainnet deposit contract code against its proven code hash', async () => {
    const fixture = readFixture(`${HELIOS_RPC}/account.json`)
    const proof = readFixture(`${HELIOS_RPC}/proof.json`)
    const account = await verifyAccountProof({ address: proof.address, stateRoot: BLOCK_21925176.stateRoot, proof })
    expect(verifyCodeHash({ address: proof.address, codeHash: account.codeHash, code: fixture.code })).toBe(fixture.code)
  })

  it('accepts the sepolia contract code (lodestar eth_getCode fixture)', async () => {
    const fixture = readFixture(`${LODESTAR}/sepolia/eth_getCode.json`)
    const [address] = fixture.request.params
    const account = await verifyAccountProof({ address, stateRoot: fixture.beacon.executionPayload.state_root, proof: fixture.dependentRequests[0].response.result })
    expect(verifyCodeHash({ address, codeHash: account.codeHash, code: fixture.response.result })).toBe(fixture.response.result)
  })

  it('rejects changed, truncated and missing code', () => {
    const { code } = readFixture(`${HELIOS_RPC}/account.json`)
    const { address, codeHash } = readFixture(`${HELIOS_RPC}/proof.json`)
    for (const forged of [flipByte(code, 100), code.slice(0, -2), '0x']) {
      const error = (() => { try { verifyCodeHash({ address, codeHash, code: forged }) } catch (e) { return e } })()
      expect(error).toBeInstanceOf(CodeHashMismatchError)
      expect((error as CodeHashMismatchError).expected).toBe(codeHash)
    }
  })

  it('accepts empty code only for the empty code hash', () => {
    const address = '0x0000000000000000000000000000000000000001'
    expect(verifyCodeHash({ address, codeHash: EMPTY_CODE_HASH, code: '0x' })).toBe('0x')
    expect(() => verifyCodeHash({ address, codeHash: EMPTY_CODE_HASH, code: '0x00' })).toThrow(CodeHashMismatchError)
  })
})
