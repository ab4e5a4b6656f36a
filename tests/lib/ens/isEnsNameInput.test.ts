import { describe, expect, it } from 'vitest'
import { isEnsNameInput } from '../../../src/lib/ens/isEnsNameInput.ts'

describe('isEnsNameInput', () => {
  it('takes dotted names (any case, any TLD, spaces around) as names', () => {
    for (const t of ['dev.eth', ' Vitalik.ETH ', 'a.b.c.eth', 'name.xyz', '0xabc.eth', '🦊.eth']) expect(isEnsNameInput(t), t).toBe(true)
  })
  it('leaves addresses, hex and dotless text to the address check', () => {
    for (const t of ['0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', '0x1234', 'dev', '', '   ']) expect(isEnsNameInput(t), t).toBe(false)
  })
})
