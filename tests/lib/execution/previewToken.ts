import { type Hex, keccak256, stringToHex } from 'viem'
import { type Item, assemble } from '../wallet/testToken.ts'

// A hand-assembled ERC-20 subset for the preview tests (no solc here): balanceOf, transfer (reverts
// with Error("insufficient balance") and emits Transfer), approve (allowance at
// keccak256(owner ‖ spender), emits Approval). Balances live at slot = holder address, so tests mint
// with anvil_setStorageAt (the only way a balance changes without a Transfer log).

const transferTopic = keccak256(stringToHex('Transfer(address,address,uint256)'))
const approvalTopic = keccak256(stringToHex('Approval(address,address,uint256)'))
export const REVERT_REASON = 'insufficient balance'
const ret1: Item[] = [{ push: 1 }, { push: 0 }, 'MSTORE', { push: 32 }, { push: 0 }, 'RETURN']
const sel = (s: Hex, label: string): Item[] => ['DUP1', { push: s }, 'EQ', { jumpTo: label }, 'JUMPI']

export const PREVIEW_TOKEN_RUNTIME: Hex = assemble([
  { push: 0 }, 'CALLDATALOAD', { push: 0xe0 }, 'SHR',
  ...sel('0x70a08231', 'balanceOf'),
  ...sel('0xa9059cbb', 'transfer'),
  ...sel('0x095ea7b3', 'approve'),
  { push: 0 }, 'DUP1', 'REVERT',
  { label: 'balanceOf' }, { push: 4 }, 'CALLDATALOAD', 'SLOAD', { push: 0 }, 'MSTORE', { push: 32 }, { push: 0 }, 'RETURN',
  { label: 'poor' }, // revert Error(string): selector, offset, length, text
  { push: `0x08c379a0${'00'.repeat(28)}` }, { push: 0 }, 'MSTORE',
  { push: 0x20 }, { push: 4 }, 'MSTORE',
  { push: REVERT_REASON.length }, { push: 36 }, 'MSTORE',
  { push: stringToHex(REVERT_REASON, { size: 32 }) }, { push: 68 }, 'MSTORE',
  { push: 100 }, { push: 0 }, 'REVERT',
  { label: 'transfer' },
  { push: 0x24 }, 'CALLDATALOAD', 'CALLER', 'SLOAD', // bal amt
  'DUP2', 'DUP2', 'LT', { jumpTo: 'poor' }, 'JUMPI',
  'DUP2', 'SWAP1', 'SUB', 'CALLER', 'SSTORE', // amt
  { push: 4 }, 'CALLDATALOAD', 'DUP1', 'SLOAD', 'DUP3', 'ADD', 'SWAP1', 'SSTORE', // amt
  { push: 0 }, 'MSTORE',
  { push: 4 }, 'CALLDATALOAD', 'CALLER', { push: transferTopic }, { push: 32 }, { push: 0 }, 'LOG3',
  ...ret1,
  { label: 'approve' },
  { push: 0x24 }, 'CALLDATALOAD', // amt
  'CALLER', { push: 0 }, 'MSTORE', { push: 4 }, 'CALLDATALOAD', { push: 32 }, 'MSTORE',
  'DUP1', { push: 64 }, { push: 0 }, 'KECCAK256', 'SSTORE', // allowance[caller][spender] = amt
  { push: 0 }, 'MSTORE',
  { push: 4 }, 'CALLDATALOAD', 'CALLER', { push: approvalTopic }, { push: 32 }, { push: 0 }, 'LOG3',
  ...ret1,
])

/**
 * A swap-like contract: any call (with or without ETH) pays the caller 10 units of `tokenA` and 20
 * of `tokenB` from its own balances (nested CALLs to transfer), reverting if either transfer fails.
 */
export function swapRuntime({ tokenA, tokenB }: { tokenA: Hex; tokenB: Hex }): Hex {
  const pay = (token: Hex, amount: number): Item[] => [
    { push: `0xa9059cbb${'00'.repeat(28)}` }, { push: 0 }, 'MSTORE',
    'CALLER', { push: 4 }, 'MSTORE',
    { push: amount }, { push: 36 }, 'MSTORE',
    { push: 32 }, { push: 0 }, { push: 68 }, { push: 0 }, { push: 0 }, { push: token }, 'GAS', 'CALL',
    'ISZERO', { jumpTo: 'fail' }, 'JUMPI',
  ]
  return assemble([...pay(tokenA, 10), ...pay(tokenB, 20), 'STOP', { label: 'fail' }, { push: 0 }, 'DUP1', 'REVERT'])
}
