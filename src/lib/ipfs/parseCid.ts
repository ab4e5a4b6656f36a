import { base36 } from 'multiformats/bases/base36'
import { CID } from 'multiformats/cid'
import { InvalidCidError } from './errors.ts'

/** Parses a CID in base32 (b...), base36 (k...) or, for CIDv0, base58btc (Qm...). */
export function parseCid(input: string): CID {
  try {
    // CID.parse knows base32 and base58btc by itself; base36 needs its decoder.
    return input.startsWith('k') ? CID.parse(input, base36.decoder) : CID.parse(input)
  } catch (cause) {
    throw new InvalidCidError({ input, cause })
  }
}
