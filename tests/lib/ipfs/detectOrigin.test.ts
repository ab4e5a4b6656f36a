import { describe, expect, it } from 'vitest'
import { detectOrigin } from '../../../src/lib/ipfs/detectOrigin.ts'

const v0 = 'QmbWqxBEKC3P8tqsKc98xmWNzrzDtRLMiMPL8wBuTGsMnR'
const v1 = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi'

// Builds the Location fields the way browsers report them.
const at = (href: string) => {
  const { protocol, hostname, port, pathname, search, hash } = new URL(href)
  return { protocol, hostname, port, pathname, search, hash }
}

describe('detectOrigin', () => {
  it('recognises the local subdomain gateway', () => {
    expect(detectOrigin(at(`http://${v1}.ipfs.localhost:8080/#/wallet`))).toEqual({
      kind: 'subdomain-gateway',
      cid: v1,
      subdomainUrl: `http://${v1}.ipfs.localhost:8080/`,
    })
  })

  it('recognises a public subdomain gateway', () => {
    expect(detectOrigin(at(`https://${v1}.ipfs.dweb.link/`))).toMatchObject({ kind: 'subdomain-gateway', cid: v1 })
  })

  it('recognises a path gateway and offers the subdomain URL, keeping the route', () => {
    expect(detectOrigin(at(`http://127.0.0.1:8080/ipfs/${v1}/index.html?x=1#/vault/create`))).toEqual({
      kind: 'path-gateway',
      cid: v1,
      subdomainUrl: `http://${v1}.ipfs.localhost:8080/index.html?x=1#/vault/create`,
    })
  })

  it('converts a CIDv0 on a path gateway to base32 CIDv1 for the subdomain', () => {
    expect(detectOrigin(at(`https://ipfs.io/ipfs/${v0}/`))).toEqual({
      kind: 'path-gateway',
      cid: v1,
      subdomainUrl: `https://${v1}.ipfs.dweb.link/`,
    })
  })

  it('recognises an /ipns/ path with a DNSLink name', () => {
    expect(detectOrigin(at('https://gw.example.org/ipns/app.example.com/#/x'))).toEqual({
      kind: 'path-gateway',
      ipnsName: 'app.example.com',
      subdomainUrl: 'https://app-example-com.ipns.gw.example.org/#/x',
    })
  })

  it('treats the root of a loopback server as the dev server', () => {
    expect(detectOrigin(at('http://127.0.0.1:5173/'))).toEqual({ kind: 'dev' })
    expect(detectOrigin(at('http://localhost:4173/#/about'))).toEqual({ kind: 'dev' })
  })

  it('falls back to other for anything else, including an invalid CID in the path', () => {
    expect(detectOrigin(at('https://wallet.example.com/'))).toEqual({ kind: 'other' })
    expect(detectOrigin(at('http://127.0.0.1:8080/ipfs/not-a-cid/'))).toEqual({ kind: 'other' })
    expect(detectOrigin(at('file:///home/me/dist/index.html'))).toEqual({ kind: 'other' })
  })
})
