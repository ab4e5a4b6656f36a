import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

/** Real recorded chain data, shared by all sessions (see /work/shared/fixtures/README.md). */
export const FIXTURES = resolve(import.meta.dirname, '../../../../shared/fixtures')

export function readFixture<T = any>(path: string): T {
  return JSON.parse(readFileSync(resolve(FIXTURES, path), 'utf8')) as T
}

export const HELIOS_RPC = 'helios/tests/testdata/rpc'
export const LODESTAR = 'lodestar/packages/prover/test/fixtures'

/** Mainnet block 21925176 (helios rpc fixtures). */
export const BLOCK_21925176 = {
  hash: '0x92dabfa3f61ff1c349d12f5fd0dd4c99760a0a41b77dee8f0a80f83efdcb307a',
  stateRoot: '0x7b3d5a01f69b7d2ea7479fd7ae35f4bac2700ab6d6d7b4807a7fedf53ced710e',
  receiptsRoot: '0xf883e1a2fb8df9d1d988dec80f13c8aca724590ac357e45e30e0d48b1fbd64ee',
} as const

/** Flips the lowest bit of the byte at `byte` in a 0x-hex string. */
export function flipByte(hex: string, byte: number): `0x${string}` {
  const at = 2 + byte * 2
  const value = parseInt(hex.slice(at, at + 2), 16) ^ 1
  return `${hex.slice(0, at)}${value.toString(16).padStart(2, '0')}${hex.slice(at + 2)}` as `0x${string}`
}

export function clone<T>(value: T): T {
  return structuredClone(value)
}
