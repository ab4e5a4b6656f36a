// viem's and persistent-merkle-tree's @noble 1.x imports go to the app's @noble 2.x in the browser
// build (scripts/build/oneNobleCopy.ts, with viem's secp256k1 through scripts/build/viemSecp256k1.ts):
// bundled so, every viem function that signs, recovers or hashes answers as viem does with its own
// noble, and the bundle holds no 1.x code.
import { join } from 'node:path'
import * as ssz from '@chainsafe/ssz'
import * as viem from 'viem'
import * as accounts from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { nobleReplacements, oneNobleCopy } from '../../../scripts/build/oneNobleCopy.ts'
import { bundleFixture } from '../../helpers/bundleFixture.ts'

type Functions = typeof viem & typeof accounts & typeof ssz

/** The calls, on the functions given (bundled, or viem's own), so that both sides run the same code. */
async function runWith(f: Functions): Promise<string> {
  const { privateKeys, hashes, typedData, transaction } = cases
  const out: unknown[] = []
  for (const privateKey of privateKeys) {
    const account = f.privateKeyToAccount(privateKey)
    out.push(account.address, account.publicKey, f.privateKeyToAddress(privateKey))
    for (const hash of hashes) {
      const signature = await f.sign({ hash, privateKey })
      const hex = await f.sign({ hash, privateKey, to: 'hex' })
      out.push(signature, hex, await f.recoverAddress({ hash, signature: hex }), await f.recoverPublicKey({ hash, signature }))
      out.push(await f.recoverPublicKey({ hash, signature: { r: signature.r, s: signature.s, v: 27n + BigInt(signature.yParity!) } }))
      const yParityAndS = `0x${hex.slice(66, 130)}` as const
      out.push(f.parseSignature(hex), f.serializeSignature(signature), f.serializeCompactSignature(f.parseCompactSignature(f.serializeCompactSignature({ r: signature.r, yParityAndS }))))
    }
    const message = await account.signMessage({ message: 'Latchkey' })
    out.push(message, await f.recoverMessageAddress({ message: 'Latchkey', signature: message }))
    const typed = await account.signTypedData(typedData)
    out.push(typed, await f.recoverTypedDataAddress({ ...typedData, signature: typed }))
    const signed = await account.signTransaction(transaction)
    out.push(signed, await f.recoverTransactionAddress({ serializedTransaction: signed as `0x02${string}` }))
  }
  for (const hash of hashes) out.push(f.keccak256(hash), f.sha256(hash), f.ripemd160(hash))
  const key = f.generatePrivateKey()
  out.push(/^0x[0-9a-f]{64}$/.test(key) && key !== f.generatePrivateKey())
  const Header = new f.ContainerType({ number: new f.UintNumberType(8), extraData: new f.ByteListType(32) })
  for (const n of [0, 1, 31, 32]) out.push(viem.toHex(Header.hashTreeRoot({ number: n, extraData: new Uint8Array(n).fill(n) })))
  return JSON.stringify(out, (_, v) => (typeof v === 'bigint' ? `${v}n` : v))
}

const cases = {
  privateKeys: [
    '0x0000000000000000000000000000000000000000000000000000000000000001',
    '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
    '0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140', // n - 1
  ],
  hashes: [
    `0x${'00'.repeat(32)}`,
    `0x${'ff'.repeat(32)}`, // above the curve order: reduced, as 1.x does
    viem.keccak256(viem.toHex('Latchkey')),
  ],
  typedData: {
    domain: { name: 'Latchkey', version: '1', chainId: 1, verifyingContract: '0x000000000000000000000000000000000000dEaD' },
    types: { Mail: [{ name: 'to', type: 'address' }, { name: 'contents', type: 'string' }] },
    primaryType: 'Mail',
    message: { to: '0x000000000000000000000000000000000000bEEF', contents: 'hello' },
  },
  transaction: { chainId: 1, type: 'eip1559', nonce: 7, to: '0x000000000000000000000000000000000000bEEF', value: 10n ** 18n, gas: 21000n, maxFeePerGas: 2n * 10n ** 9n, maxPriorityFeePerGas: 10n ** 9n },
} as const

describe('oneNobleCopy', () => {
  it('sends only the 1.x imports it has a 2.x replacement for, and refuses others', async () => {
    const plugin = oneNobleCopy() as unknown as { resolveId: (this: unknown, s: string, i?: string) => Promise<unknown> }
    const context = { resolve: async (target: string) => ({ id: target }), error: (message: string) => { throw new Error(message) } }
    expect(await plugin.resolveId.call(context, '@noble/hashes/sha3', '/x/node_modules/viem/_esm/utils/hash/keccak256.js')).toEqual({ id: nobleReplacements['@noble/hashes/sha3'] })
    expect(await plugin.resolveId.call(context, '@noble/hashes/sha256', '/x/node_modules/@chainsafe/persistent-merkle-tree/lib/hasher/noble.js')).toEqual({ id: '@noble/hashes/sha2.js' })
    expect(await plugin.resolveId.call(context, '@noble/curves/secp256k1', '/x/node_modules/viem/_esm/accounts/utils/sign.js')).toMatch(/viemSecp256k1\.ts$/)
    expect(await plugin.resolveId.call(context, '@noble/hashes/sha3', '/x/node_modules/@ethereumjs/util/dist/esm/bytes.js')).toBeNull()
    await expect(plugin.resolveId.call(context, '@noble/curves/p256', '/x/node_modules/viem/_esm/x.js')).rejects.toThrow(/no 2.x replacement/)
  })

  it('bundled with it, viem signs, recovers and hashes as with its own noble, and ssz hashes the same roots', async () => {
    const expected = await runWith({ ...viem, ...accounts, ...ssz })
    const { code, load } = await bundleFixture({ entry: join(import.meta.dirname, 'fixtures/viemNobleEntry.js'), plugins: [oneNobleCopy()] })
    expect(code).not.toMatch(/node_modules\/(viem|@chainsafe\/persistent-merkle-tree)\/node_modules\/@noble/)
    expect(code).toMatch(/node_modules\/@noble\/curves\/abstract\/weierstrass\.js/)
    const bundled = (await load()) as Functions
    expect(await runWith(bundled)).toBe(expected)
  })
})
