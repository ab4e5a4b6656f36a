import { base36 } from 'multiformats/bases/base36'
import { describe, expect, it } from 'vitest'
import { InvalidCidError } from '../../../src/lib/ipfs/errors.ts'
import { parseCid } from '../../../src/lib/ipfs/parseCid.ts'
import { toCidV1Base32 } from '../../../src/lib/ipfs/toCidV1Base32.ts'

// The example pair from the IPFS docs (docs.ipfs.tech, "Content identifiers").
const v0 = 'QmbWqxBEKC3P8tqsKc98xmWNzrzDtRLMiMPL8wBuTGsMnR'
const v1 = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi'

describe('parseCid', () => {
  it('reads CIDv0 and CIDv1 (base32 and base36) as the same content', () => {
    const a = parseCid(v0)
    const b = parseCid(v1)
    expect(a.version).toBe(0)
    expect(b.version).toBe(1)
    expect(a.toV1().equals(b)).toBe(true)
    expect(parseCid(b.toString(base36.encoder)).equals(b)).toBe(true)
  })

  it('throws InvalidCidError carrying the input', () => {
    for (const bad of ['', 'hello', v1.slice(0, -1), `${v0}x`]) {
      const error = (() => {
        try {
          parseCid(bad)
        } catch (e) {
          return e
        }
      })()
      expect(error).toBeInstanceOf(InvalidCidError)
      expect((error as InvalidCidError).input).toBe(bad)
    }
  })
})

describe('toCidV1Base32', () => {
  it('converts a CIDv0 to the lowercase base32 CIDv1 a subdomain needs', () => {
    expect(toCidV1Base32(v0)).toBe(v1)
    expect(toCidV1Base32(v1)).toBe(v1)
  })
})
