import { describe, expect, it } from 'vitest'
import { parseConnectLink } from '../../../src/lib/trust/parseConnectLink.ts'

const root = `0x${'ab'.repeat(32)}`
const parse = (query: string) => parseConnectLink({ query: new URLSearchParams(query) })
const failure = (query: string) => {
  try {
    parse(query)
  } catch (error) {
    return error as Error & { shortMessage: string }
  }
  throw new Error(`"${query}" was accepted`)
}

describe('parseConnectLink', () => {
  it('reads what npm start prints', () => {
    const q = new URLSearchParams({ network: 'devnet', beacon: 'http://127.0.0.1:9596/', rpc: 'http://127.0.0.1:8545', checkpoint: root.toUpperCase().replace('0X', '0x') })
    expect(parseConnectLink({ query: q })).toEqual({ network: 'devnet', beaconApis: ['http://127.0.0.1:9596'], rpcs: ['http://127.0.0.1:8545'], checkpoint: root })
  })

  it('keeps repeated beacon and rpc parameters in order', () => {
    expect(parse('network=devnet&beacon=http://a:1&beacon=https://b.example/api&rpc=http://r:2&rpc=http://r:3')).toMatchObject({
      beaconApis: ['http://a:1', 'https://b.example/api'],
      rpcs: ['http://r:2', 'http://r:3'],
    })
  })

  it('accepts a built-in network with only endpoints or only a checkpoint', () => {
    expect(parse('network=mainnet&rpc=https://rpc.example').rpcs).toEqual(['https://rpc.example'])
    expect(parse(`network=sepolia&checkpoint=${root}`).checkpoint).toBe(root)
  })

  it('refuses unknown parameters, naming them', () => {
    const e = failure('network=devnet&beacon=http://a:1&chainConfig=evil')
    expect(e.name).toBe('UnknownLinkParameterError')
    expect(e.shortMessage).toContain('"chainConfig"')
  })

  it('refuses a repeated network or checkpoint, and the same endpoint twice', () => {
    expect(failure('network=devnet&network=mainnet&beacon=http://a:1')).toMatchObject({ name: 'DuplicateLinkParameterError', parameter: 'network' })
    expect(failure(`network=devnet&beacon=http://a:1&checkpoint=${root}&checkpoint=${root}`)).toMatchObject({ name: 'DuplicateLinkParameterError', parameter: 'checkpoint' })
    expect(failure('network=devnet&beacon=http://a:1/&beacon=http://A:1')).toMatchObject({ name: 'DuplicateLinkParameterError', parameter: 'beacon', value: 'http://A:1' })
    expect(failure('network=devnet&beacon=http://a:1&rpc=http://r:2&rpc=http://r:2')).toMatchObject({ name: 'DuplicateLinkParameterError', parameter: 'rpc' })
  })

  it('refuses bad URLs with the reason', () => {
    expect(failure('network=devnet&beacon=not a url')).toMatchObject({ name: 'InvalidEndpointUrlError', parameter: 'beacon', url: 'not a url' })
    expect(failure('network=devnet&beacon=javascript:alert(1)').shortMessage).toContain('javascript: is not http or https')
    expect(failure('network=devnet&beacon=file:///etc/passwd').name).toBe('InvalidEndpointUrlError')
    expect(failure('network=devnet&beacon=http://a:1&rpc=http://user:secret@r:2').shortMessage).toContain('user name or password')
    expect(failure('network=devnet&beacon=http://a:1%23x&rpc=http://r:2/#frag').shortMessage).toContain('#fragment')
    expect(failure('network=devnet&beacon=').shortMessage).toContain('empty')
  })

  it('refuses malformed checkpoints and network names', () => {
    expect(failure('network=devnet&beacon=http://a:1&checkpoint=0x1234')).toMatchObject({ name: 'InvalidCheckpointError', value: '0x1234' })
    expect(failure(`network=devnet&beacon=http://a:1&checkpoint=${root}zz`).name).toBe('InvalidCheckpointError')
    expect(failure('network=Ethereum%20mainnet&beacon=http://a:1')).toMatchObject({ name: 'InvalidNetworkIdError', value: 'Ethereum mainnet' })
    expect(failure(`network=${'x'.repeat(33)}&beacon=http://a:1`).name).toBe('InvalidNetworkIdError')
    expect(failure('network=-dash&beacon=http://a:1').name).toBe('InvalidNetworkIdError')
  })

  it('needs a network, a beacon API for a custom one, and something to add for a built-in one', () => {
    expect(failure('beacon=http://a:1')).toMatchObject({ name: 'MissingLinkParameterError', parameter: 'network' })
    expect(failure('network=devnet&rpc=http://r:2')).toMatchObject({ name: 'MissingLinkParameterError', parameter: 'beacon' })
    expect(failure('network=mainnet').shortMessage).toContain('only add endpoints or a checkpoint')
    expect(failure('').name).toBe('MissingLinkParameterError')
  })
})
