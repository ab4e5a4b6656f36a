import { parseAbiItem } from 'viem'
import { describe, expect, it } from 'vitest'
import { ArgumentParseError } from '../../../src/lib/contract/errors.ts'
import { parseFunctionArgs } from '../../../src/lib/contract/parseFunctionArgs.ts'

const fn = (signature: string) => parseAbiItem(signature) as never

describe('parseFunctionArgs', () => {
  it('turns typed text into the values viem encodes', () => {
    const args = parseFunctionArgs({
      fn: fn('function f(address to, uint256 amount, int8 delta, bool flag, bytes32 salt, bytes data, string note, uint16[] ids, (address,uint8) pair)'),
      values: [
        '0x70997970c51812dc3a010c7d01b50e0d17dc79c8',
        '0x10',
        '-128',
        'TRUE',
        `0x${'ab'.repeat(32)}`,
        '0x',
        '  spaces kept  ',
        '[1, "2", "0x3"]',
        '["0x70997970C51812dc3A010C7d01b50e0d17dc79C8", 7]',
      ],
    })
    expect(args).toEqual(['0x70997970C51812dc3A010C7d01b50e0d17dc79C8', 16n, -128n, true, `0x${'ab'.repeat(32)}`, '0x', '  spaces kept  ', [1n, 2n, 3n], ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8', 7n]])
  })

  it.each([
    ['function f(address to)', ['0x70997970C51812dc3a010c7d01b50e0d17dc79c8'], /to \(address\).*checksum/i],
    ['function f(address to)', ['0x1234'], /to \(address\)/],
    ['function f(uint8 n)', ['256'], /n \(uint8\): out of range \(0 to 255\)/],
    ['function f(uint256 n)', ['-1'], /out of range/],
    ['function f(uint256 n)', ['1.5'], /whole number/],
    ['function f(uint256 n)', [''], /whole number/],
    ['function f(bool b)', ['yes'], /true or false/],
    ['function f(bytes32 s)', ['0x1234'], /exactly 32 bytes, got 2/],
    ['function f(bytes b)', ['0x123'], /even number/],
    ['function f(uint256[2] xs)', ['[1]'], /exactly 2 elements/],
    ['function f(uint256[] xs)', ['1,2'], /expected JSON/],
    ['function f(uint256[] xs)', ['[1, "x"]'], /xs\[1\] \(uint256\)/],
  ])('%s refuses %j by name', (signature, values, message) => {
    expect(() => parseFunctionArgs({ fn: fn(signature), values })).toThrow(ArgumentParseError)
    expect(() => parseFunctionArgs({ fn: fn(signature), values })).toThrow(message)
  })
})
