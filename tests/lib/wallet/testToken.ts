import type { Hex } from 'viem'
import { keccak256, stringToHex, toHex } from 'viem'

// No Solidity compiler on this machine, so the test token is a few dozen hand-assembled EVM
// instructions: balanceOf, transfer (with the Transfer event and a balance check), decimals, symbol.
// Balances live at storage slot = holder address, so tests mint with anvil_setStorageAt.

export const op: Record<string, number> = {
  KECCAK256: 0x20, ISZERO: 0x15, GAS: 0x5a, CALL: 0xf1, STOP: 0x00, ADD: 0x01, SUB: 0x03, LT: 0x10, EQ: 0x14, SHR: 0x1c, CALLER: 0x33, CALLDATALOAD: 0x35,
  MSTORE: 0x52, SLOAD: 0x54, SSTORE: 0x55, JUMPI: 0x57, JUMPDEST: 0x5b, DUP1: 0x80, DUP2: 0x81, DUP3: 0x82,
  SWAP1: 0x90, LOG3: 0xa3, RETURN: 0xf3, REVERT: 0xfd,
}
export type Item = string | { push: Hex | number; size?: number } | { label: string } | { jumpTo: string }

export function assemble(items: Item[]): Hex {
  const bytesOf = (it: Item): number[] | ((labels: Map<string, number>) => number[]) => {
    if (typeof it === 'string') return [op[it] ?? (() => { throw new Error(it) })()]
    if ('label' in it) return [op.JUMPDEST]
    if ('jumpTo' in it) return (labels) => [0x61, labels.get(it.jumpTo)! >> 8, labels.get(it.jumpTo)! & 0xff]
    const hex = typeof it.push === 'number' ? toHex(it.push, { size: it.size ?? 1 }) : it.push
    const data = hex.slice(2).match(/../g)!.map((b) => parseInt(b, 16))
    return [0x5f + data.length, ...data]
  }
  const labels = new Map<string, number>()
  let pc = 0
  for (const it of items) {
    if (typeof it === 'object' && 'label' in it) labels.set(it.label, pc)
    const b = bytesOf(it)
    pc += typeof b === 'function' ? 3 : b.length
  }
  const out: number[] = []
  for (const it of items) {
    const b = bytesOf(it)
    out.push(...(typeof b === 'function' ? b(labels) : b))
  }
  return `0x${out.map((b) => b.toString(16).padStart(2, '0')).join('')}`
}

const transferTopic = keccak256(stringToHex('Transfer(address,address,uint256)'))
const ret32 = (v: number): Item[] => [{ push: v }, { push: 0 }, 'MSTORE', { push: 32 }, { push: 0 }, 'RETURN']

/** `bytes32Symbol` mimics old tokens (MKR) whose symbol() returns bytes32. */
export function testTokenRuntime({ symbol, decimals, bytes32Symbol = false }: { symbol: string; decimals: number; bytes32Symbol?: boolean }): Hex {
  const sel = (s: Hex, label: string): Item[] => ['DUP1', { push: s }, 'EQ', { jumpTo: label }, 'JUMPI']
  return assemble([
    { push: 0 }, 'CALLDATALOAD', { push: 0xe0 }, 'SHR',
    ...sel('0x70a08231', 'balanceOf'),
    ...sel('0xa9059cbb', 'transfer'),
    ...sel('0x313ce567', 'decimals'),
    ...sel('0x95d89b41', 'symbol'),
    { label: 'fail' }, { push: 0 }, 'DUP1', 'REVERT',
    { label: 'balanceOf' }, { push: 4 }, 'CALLDATALOAD', 'SLOAD', { push: 0 }, 'MSTORE', { push: 32 }, { push: 0 }, 'RETURN',
    { label: 'decimals' }, ...ret32(decimals),
    { label: 'symbol' },
    ...(bytes32Symbol ? [{ push: stringToHex(symbol, { size: 32 }) }, { push: 0 }, 'MSTORE', { push: 32 }, { push: 0 }, 'RETURN'] as Item[] : []),
    { push: 0x20 }, { push: 0 }, 'MSTORE',
    { push: new TextEncoder().encode(symbol).length }, { push: 0x20 }, 'MSTORE',
    { push: stringToHex(symbol, { size: 32 }) }, { push: 0x40 }, 'MSTORE',
    { push: 0x60 }, { push: 0 }, 'RETURN',
    { label: 'transfer' },
    { push: 0x24 }, 'CALLDATALOAD', 'CALLER', 'SLOAD', // bal amt
    'DUP2', 'DUP2', 'LT', { jumpTo: 'fail' }, 'JUMPI', // bal amt
    'DUP2', 'SWAP1', 'SUB', 'CALLER', 'SSTORE', // amt
    { push: 4 }, 'CALLDATALOAD', 'DUP1', 'SLOAD', 'DUP3', 'ADD', 'SWAP1', 'SSTORE', // amt
    { push: 0 }, 'MSTORE',
    { push: 4 }, 'CALLDATALOAD', 'CALLER', { push: transferTopic }, { push: 32 }, { push: 0 }, 'LOG3',
    ...ret32(1),
  ])
}
