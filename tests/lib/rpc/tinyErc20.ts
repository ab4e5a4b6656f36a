/**
 * A hand-assembled ERC-20 subset (no solc on this machine): balances in a Solidity-style mapping at
 * slot 0 (keccak256(abi.encode(owner, 0))), `balanceOf(address)` and `transfer(address,uint256)`
 * (reverts on insufficient balance, emits Transfer); the deployer gets 1e24 units.
 */
type Token = string | { ref: string } | { label: string }

function assemble(tokens: Token[]): string {
  const positions = new Map<string, number>()
  let at = 0
  for (const t of tokens) {
    if (typeof t === 'string') at += t.length / 2
    else if ('ref' in t) at += 2
    else {
      positions.set(t.label, at)
      at += 1
    }
  }
  return tokens
    .map((t) => (typeof t === 'string' ? t : 'ref' in t ? `60${positions.get(t.ref)!.toString(16).padStart(2, '0')}` : '5b'))
    .join('')
}

const TRANSFER_TOPIC = 'ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef'

// mapping slot of the address on the stack top: mstore(0, addr); mstore(32, 0); keccak256(0, 64)
const SLOT_OF_TOP = '600052' + '6000602052' + '60406000' + '20'

const runtime = assemble([
  '600035' + '60e01c', // selector
  '80' + '6370a08231' + '14', { ref: 'balanceOf' }, '57',
  '80' + '63a9059cbb' + '14', { ref: 'transfer' }, '57',
  '600080fd',
  { label: 'balanceOf' },
  '600435' + SLOT_OF_TOP + '54' + '600052' + '60206000f3',
  { label: 'transfer' },
  '33' + SLOT_OF_TOP, // fromSlot
  '8054', // fromSlot fromBal
  '602435', // amount
  '8082' + '10', { ref: 'fail' }, '57', // fromBal < amount -> fail
  '90' + '03' + '90' + '55', // sstore(fromSlot, fromBal - amount)
  '600435' + SLOT_OF_TOP + '8054' + '602435' + '01' + '9055', // to += amount
  '602435' + '600052' + '600435' + '33' + `7f${TRANSFER_TOPIC}` + '6020' + '6000' + 'a3', // emit Transfer(caller, to, amount)
  '6001600052' + '60206000f3',
  { label: 'fail' },
  '600080fd',
])

const length = runtime.length / 2
// constructor: balances[msg.sender] = 1e24; return runtime
const constructorCode = (offset: number) =>
  '33' + SLOT_OF_TOP + '69d3c21bcecceda1000000' + '9055' + `61${length.toString(16).padStart(4, '0')}` + '80' + `61${offset.toString(16).padStart(4, '0')}` + '6000' + '39' + '6000f3'
const prefixLength = constructorCode(0).length / 2

export const TINY_ERC20_INIT = `0x${constructorCode(prefixLength)}${runtime}` as const
export const TINY_ERC20_RUNTIME = `0x${runtime}` as const
