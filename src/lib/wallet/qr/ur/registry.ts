import { BaseError } from '../../../errors.ts'
import { type CborMap, CborTag, type CborValue, decodeCbor, encodeCbor } from './cbor.ts'

// The UR registry types Latchkey reads and writes, as CBOR (BCR-2020-006 crypto-hdkey 303,
// crypto-keypath 304, crypto-account 311, script expressions 400-408; ERC-4527 eth-sign-request 401
// and eth-signature 402; uuid 37), with the map keys Keystone's bc-ur-registry(-eth) uses.

export const tags = { uuid: 37, hdKey: 303, keypath: 304, ethSignRequest: 401 } as const
const scriptExpressionTags = new Set([307, 400, 401, 402, 403, 404, 405, 406, 407, 408])

export class UrRegistryError extends BaseError {
  override name = 'UrRegistryError'
}

const asMap = (value: CborValue, what: string): CborMap => {
  if (!(value instanceof Map)) throw new UrRegistryError(`${what} is not a CBOR map`)
  return value
}
const untag = (value: CborValue, tag: number, what: string): CborValue => {
  if (!(value instanceof CborTag) || value.tag !== tag) throw new UrRegistryError(`${what} does not carry tag ${tag}`)
  return value.value
}
const bytesOf = (value: CborValue, what: string): Uint8Array | undefined => {
  if (value === undefined) return undefined
  if (!(value instanceof Uint8Array)) throw new UrRegistryError(`${what} is not a byte string`)
  return value
}
const uint32 = (n: number) => {
  const b = new Uint8Array(4)
  new DataView(b.buffer).setUint32(0, n)
  return b
}

export type Keypath = { /** 44'/60'/0' (no m/), undefined without components */ path: string | undefined; sourceFingerprint: Uint8Array | undefined; depth: number | undefined }

/** crypto-keypath: {1: [index, hardened, ...], 2: source fingerprint (u32), 3: depth}; a wildcard index is []. */
export function readKeypath(value: CborValue): Keypath {
  const map = asMap(value, 'a key path')
  const components = map.get(1) ?? []
  if (!Array.isArray(components) || components.length % 2 !== 0) throw new UrRegistryError('a key path has malformed components')
  const parts: string[] = []
  for (let i = 0; i < components.length; i += 2) {
    const [index, hardened] = [components[i], components[i + 1]]
    if ((typeof index !== 'number' && !Array.isArray(index)) || typeof hardened !== 'boolean') throw new UrRegistryError('a key path has malformed components')
    parts.push(`${typeof index === 'number' ? index : '*'}${hardened ? "'" : ''}`)
  }
  const fingerprint = map.get(2)
  const depth = map.get(3)
  return {
    path: parts.length > 0 ? parts.join('/') : undefined,
    // Keystone's registry treats a zero fingerprint as none.
    sourceFingerprint: typeof fingerprint === 'number' && fingerprint !== 0 ? uint32(fingerprint) : undefined,
    depth: typeof depth === 'number' ? depth : undefined,
  }
}

export type HdKey = { isPrivate: boolean; key: Uint8Array; chainCode: Uint8Array | undefined; origin: Keypath | undefined; name: string | undefined }

/** crypto-hdkey (the map; untagged at a UR's top level): {2: is private, 3: key, 4: chain code, 6: origin, 9: name...}. */
export function readHdKey(value: CborValue): HdKey {
  const map = asMap(value, 'a crypto-hdkey')
  const key = bytesOf(map.get(3), 'the key data')
  if (!key) throw new UrRegistryError('a crypto-hdkey has no key data')
  const origin = map.get(6)
  const name = map.get(9)
  return {
    isPrivate: map.get(2) === true,
    key,
    chainCode: bytesOf(map.get(4), 'the chain code'),
    origin: origin === undefined ? undefined : readKeypath(untag(origin, tags.keypath, 'the origin')),
    name: typeof name === 'string' ? name : undefined,
  }
}

export type CryptoAccount = { masterFingerprint: Uint8Array; /** The hdkey of each output descriptor (undefined where it is not one, e.g. an eckey). */ keys: (HdKey | undefined)[] }

/** crypto-account: {1: master fingerprint (u32), 2: [output descriptors: script-expression tags around a tagged key]}. */
export function readCryptoAccount(cbor: Uint8Array): CryptoAccount {
  const map = asMap(decodeCbor(cbor), 'a crypto-account')
  const fingerprint = map.get(1)
  const outputs = map.get(2)
  if (!Array.isArray(outputs)) throw new UrRegistryError('a crypto-account has no output descriptors')
  return {
    masterFingerprint: uint32(typeof fingerprint === 'number' ? fingerprint : 0),
    keys: outputs.map((output) => {
      let item = output
      while (item instanceof CborTag && scriptExpressionTags.has(item.tag)) item = item.value
      return item instanceof CborTag && item.tag === tags.hdKey ? readHdKey(item.value) : undefined
    }),
  }
}

export const readCryptoHdKey = (cbor: Uint8Array): HdKey => readHdKey(decodeCbor(cbor))

/** eth-signature: {1: request id (uuid, tag 37), 2: signature (r || s || v), 3: origin}. */
export function readEthSignature(cbor: Uint8Array): { requestId: Uint8Array | undefined; signature: Uint8Array } {
  const map = asMap(decodeCbor(cbor), 'an eth-signature')
  const id = map.get(1)
  const signature = bytesOf(map.get(2), 'the signature')
  if (!signature) throw new UrRegistryError('an eth-signature has no signature')
  return { requestId: id === undefined ? undefined : bytesOf(untag(id, tags.uuid, 'the request id'), 'the request id'), signature }
}

export type EthSignRequestFields = {
  requestId: Uint8Array
  signData: Uint8Array
  /** 1 legacy transaction, 2 typed data, 3 personal message, 4 typed transaction */
  dataType: number
  chainId: number
  /** 44'/60'/0'/0/0 (m/ allowed) */
  path: string
  sourceFingerprint: number
  address: Uint8Array
  origin: string
}

/** eth-sign-request's CBOR, key for key as Keystone's EthSignRequest.constructETHRequest writes it. */
export function encodeEthSignRequest({ requestId, signData, dataType, chainId, path, sourceFingerprint, address, origin }: EthSignRequestFields): Uint8Array {
  const components = path.replace(/^[mM]\//, '').split('/').flatMap((part) => {
    if (!/^\d+'?$/.test(part)) throw new RangeError(`not a BIP-32 path: ${path}`)
    return [Number.parseInt(part), part.endsWith("'")]
  })
  const keypath = new CborTag(tags.keypath, new Map<number, CborValue>([[1, components], [2, sourceFingerprint]]))
  const map = new Map<number, CborValue>([[1, new CborTag(tags.uuid, requestId)], [2, signData], [3, dataType]])
  if (chainId) map.set(4, chainId)
  map.set(5, keypath)
  map.set(6, address)
  if (origin) map.set(7, origin)
  return encodeCbor(map)
}
