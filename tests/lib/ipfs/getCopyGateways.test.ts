import { CID } from 'multiformats/cid'
import { describe, expect, it } from 'vitest'
import { GatewayRequestError } from '../../../src/lib/ipfs/errors.ts'
import { getCopyGateways } from '../../../src/lib/ipfs/getCopyGateways.ts'
import { getTrustlessUrl } from '../../../src/lib/ipfs/getTrustlessUrl.ts'

const cid = CID.parse('bafybeif5jhtdoicppwbtlbm5jtmn747h5kfx6bqkg4kzaik5pthnu6kzgy')
const other = CID.parse('bafkreif3ycplscbbro4cgawlsy7zqwuwp5e2aijtz6nhvrjbaowhj73toe')

describe('getCopyGateways', () => {
  it('the origin it came from first, then the local node, then the user\'s, without duplicates', () => {
    const location = { protocol: 'http:', hostname: `${cid}.ipfs.localhost`, port: '41234' }
    expect(getCopyGateways({ location, userGateways: ['https://trustless-gateway.link/', 'http://127.0.0.1:8080'] })).toEqual([
      `http://${cid}.ipfs.localhost:41234`, 'http://127.0.0.1:8080', 'http://localhost:8080', 'https://trustless-gateway.link',
    ])
  })

  it('no own origin off a subdomain gateway', () => {
    expect(getCopyGateways({ location: { protocol: 'http:', hostname: '127.0.0.1', port: '5173' } })).toEqual(['http://127.0.0.1:8080', 'http://localhost:8080'])
  })
})

describe('getTrustlessUrl', () => {
  it('path form on a path gateway, the root on the subdomain origin of the same CID', () => {
    expect(getTrustlessUrl({ gateway: 'https://dweb.link', cid })).toBe(`https://dweb.link/ipfs/${cid}`)
    expect(getTrustlessUrl({ gateway: `http://${cid}.ipfs.localhost:8080`, cid })).toBe(`http://${cid}.ipfs.localhost:8080/`)
  })

  it('refuses to address another CID on a subdomain origin (GatewayRequestError, an outage, not a fault)', () => {
    expect(() => getTrustlessUrl({ gateway: `http://${cid}.ipfs.localhost:8080`, cid: other })).toThrow(GatewayRequestError)
  })
})
