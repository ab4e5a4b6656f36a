import { describe, expect, it } from 'vitest'
import { parseSubdomainHost } from '../../../src/lib/ipfs/parseSubdomainHost.ts'

const v1 = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi'

describe('parseSubdomainHost', () => {
  it('reads <cid>.ipfs.<domain>', () => {
    expect(parseSubdomainHost(`${v1}.ipfs.localhost`)).toEqual({ namespace: 'ipfs', id: v1, parentDomain: 'localhost' })
    expect(parseSubdomainHost(`${v1.toUpperCase()}.ipfs.dweb.link`)).toEqual({ namespace: 'ipfs', id: v1, parentDomain: 'dweb.link' })
  })

  it('un-inlines a DNSLink name under .ipns.', () => {
    expect(parseSubdomainHost('en-wikipedia--on--ipfs-org.ipns.localhost')).toEqual({
      namespace: 'ipns',
      id: 'en.wikipedia-on-ipfs.org',
      parentDomain: 'localhost',
    })
  })

  it('ignores hosts that are not subdomain-gateway hosts or carry no valid CID', () => {
    expect(parseSubdomainHost('localhost')).toBeUndefined()
    expect(parseSubdomainHost('127.0.0.1')).toBeUndefined()
    expect(parseSubdomainHost('ipfs.io')).toBeUndefined()
    expect(parseSubdomainHost(`notacid.ipfs.localhost`)).toBeUndefined()
    // A CIDv0 cannot live in a case-insensitive host name.
    expect(parseSubdomainHost('qmbwqxbekc3p8tqskc98xmwnzrzdtrlmimpl8wbutgsmnr.ipfs.localhost')).toBeUndefined()
  })
})
