import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { sha512 } from 'multiformats/hashes/sha2'
import { describe, expect, it } from 'vitest'
import { SubdomainLabelTooLongError } from '../../../src/lib/ipfs/errors.ts'
import { getGatewayUrls } from '../../../src/lib/ipfs/getGatewayUrls.ts'

const v0 = 'QmbWqxBEKC3P8tqsKc98xmWNzrzDtRLMiMPL8wBuTGsMnR'
const v1 = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi'

describe('getGatewayUrls', () => {
  it('gives both forms for the local gateway, the subdomain on localhost', () => {
    expect(getGatewayUrls({ cid: v1, gatewayOrigin: 'http://127.0.0.1:8080' })).toEqual({
      pathUrl: `http://127.0.0.1:8080/ipfs/${v1}/`,
      subdomainUrl: `http://${v1}.ipfs.localhost:8080/`,
    })
  })

  it('converts a CIDv0 to base32 CIDv1 and maps ipfs.io to dweb.link', () => {
    expect(getGatewayUrls({ cid: v0, gatewayOrigin: 'https://ipfs.io' })).toEqual({
      pathUrl: `https://ipfs.io/ipfs/${v1}/`,
      subdomainUrl: `https://${v1}.ipfs.dweb.link/`,
    })
  })

  it('keeps other gateways on their own domain', () => {
    expect(getGatewayUrls({ cid: v1, gatewayOrigin: 'https://gw.example.org:4443' }).subdomainUrl).toBe(
      `https://${v1}.ipfs.gw.example.org:4443/`,
    )
  })

  it('refuses a CID longer than a DNS label (sha2-512)', async () => {
    const long = CID.createV1(raw.code, await sha512.digest(new TextEncoder().encode('latchkey')))
    expect(() => getGatewayUrls({ cid: long, gatewayOrigin: 'http://127.0.0.1:8080' })).toThrow(SubdomainLabelTooLongError)
  })
})
