import { describe, expect, it } from 'vitest'
import { AbiParseError } from '../../../src/lib/contract/errors.ts'
import { parseContractAbi } from '../../../src/lib/contract/parseContractAbi.ts'

describe('parseContractAbi', () => {
  it('reads human-readable signatures and splits reads from writes', () => {
    const { reads, writes } = parseContractAbi({
      text: '// a vault\nfunction balanceOf(address owner) view returns (uint256);\n\nfunction withdraw(uint256 amount)\nfunction deposit() payable\nevent Deposit(address indexed who, uint256 amount)',
    })
    expect(reads.map((f) => f.name)).toEqual(['balanceOf'])
    expect(writes.map((f) => [f.name, f.stateMutability])).toEqual([['withdraw', 'nonpayable'], ['deposit', 'payable']])
  })

  it('reads structs used by a signature', () => {
    const { writes } = parseContractAbi({ text: 'struct Order { address maker; uint256 amount; }\nfunction fill(Order order)' })
    expect(writes[0].inputs[0]).toMatchObject({ type: 'tuple', components: [{ type: 'address', name: 'maker' }, { type: 'uint256', name: 'amount' }] })
  })

  it('reads a JSON ABI, a build artifact with an abi field, and pre-0.5 constant/payable entries', () => {
    const entry = { type: 'function', name: 'totalSupply', inputs: [], outputs: [{ type: 'uint256', name: '' }], stateMutability: 'view' }
    expect(parseContractAbi({ text: JSON.stringify([entry]) }).reads).toHaveLength(1)
    expect(parseContractAbi({ text: JSON.stringify({ contractName: 'X', abi: [entry] }) }).reads).toHaveLength(1)
    const old = parseContractAbi({ text: JSON.stringify([{ name: 'get', constant: true, inputs: [], outputs: [] }, { type: 'function', name: 'buy', payable: true, inputs: [] }]) })
    expect(old.reads.map((f) => f.name)).toEqual(['get'])
    expect(old.writes[0].stateMutability).toBe('payable')
  })

  it.each([
    ['', /it is empty/, undefined],
    ['   \n ', /it is empty/, undefined],
    ['[{"type":"function","name":"x",', /not valid JSON/, undefined],
    ['{"contractName":"X"}', /an array of entries/, undefined],
    ['[{"type":"banana"}]', /entry 1 is not a function/, undefined],
    ['[{"type":"function","inputs":[]}]', /entry 1 is a function without a name/, undefined],
    ['[{"type":"function","name":"f","inputs":[{"type":"uint257"}]}]', /entry 1 \(f\).*uint257/, undefined],
    ['[{"type":"event","name":"E","inputs":[]}]', /no functions/, undefined],
    ['function ok(uint256)\nfunction bad(uint257 x)', /uint257.*in "function bad\(uint257 x\)"/, 2],
    ['function ok()\ngarbage here', /Unknown signature.*garbage here/, 2],
  ])('refuses %j with a clear error', (text, message, line) => {
    let error: unknown
    try {
      parseContractAbi({ text })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(AbiParseError)
    expect((error as AbiParseError).shortMessage).toMatch(message)
    expect((error as AbiParseError).line).toBe(line)
  })
})
