import type { Address } from 'viem'
import { getAddress } from 'viem'
import { describe, expect, it } from 'vitest'
import { addContact, recordRecipient, removeContact, renameContact } from '../../../src/lib/wallet/addressBook.ts'
import { detectAddressPoisoning } from '../../../src/lib/wallet/detectAddressPoisoning.ts'
import { ContactExistsError, ContactNotFoundError, InvalidAddressChecksumError, InvalidAddressError, InvalidContactNameError } from '../../../src/lib/wallet/errors.ts'

const alice = getAddress('0x1234a6b7c8d9e0f1a2b3c4d5e6f708192a3babcd')
// Same first 4 and last 4 hex digits as alice, different in between: a poisoner's address.
const fake = getAddress('0x1234ffffffffffffffffffffffffffffffffabcd')
const bob = getAddress('0x9999a6b7c8d9e0f1a2b3c4d5e6f708192a3b0000')
const stranger = getAddress('0x5555000000000000000000000000000000007777')

describe('contacts', () => {
  it('adds with the EIP-55 form, renames, removes', () => {
    let contacts = addContact({ contacts: [], address: alice.toLowerCase(), name: '  Alice   Smith ', now: 1 })
    expect(contacts).toEqual([{ address: alice, name: 'Alice Smith', addedAt: 1 }])
    contacts = renameContact({ contacts, address: alice, name: 'Alice' })
    expect(contacts[0].name).toBe('Alice')
    contacts = addContact({ contacts, address: bob, name: 'Bob' })
    expect(removeContact({ contacts, address: alice.toLowerCase() as Address }).map((c) => c.name)).toEqual(['Bob'])
  })

  it('refuses bad addresses, checksums, names and duplicates with the specific error', () => {
    const contacts = addContact({ contacts: [], address: alice, name: 'Alice' })
    expect(() => addContact({ contacts, address: '0x1234', name: 'X' })).toThrow(InvalidAddressError)
    const badSum = alice.replace(/[a-f]/, (c) => c.toUpperCase())
    expect(() => addContact({ contacts, address: badSum, name: 'X' })).toThrow(InvalidAddressChecksumError)
    expect(() => addContact({ contacts, address: bob, name: '   ' })).toThrow(InvalidContactNameError)
    expect(() => addContact({ contacts, address: bob, name: 'x'.repeat(41) })).toThrow(InvalidContactNameError)
    expect(() => addContact({ contacts, address: bob, name: '0x1234…abcd' })).toThrow(InvalidContactNameError)
    expect(() => addContact({ contacts, address: alice.toLowerCase(), name: 'Again' })).toThrow(/in your contacts already as "Alice"/)
    expect(() => addContact({ contacts, address: bob, name: 'alice' })).toThrow(ContactExistsError)
    expect(() => renameContact({ contacts, address: bob, name: 'B' })).toThrow(ContactNotFoundError)
    expect(() => removeContact({ contacts, address: bob })).toThrow(ContactNotFoundError)
    // renaming to its own name (another case) is fine
    expect(renameContact({ contacts, address: alice, name: 'ALICE' })[0].name).toBe('ALICE')
  })

  it('recent recipients keep their first-seen date and count sends', () => {
    let recents = recordRecipient({ recipients: [], address: alice, now: 100 })
    recents = recordRecipient({ recipients: recents, address: bob, now: 200 })
    recents = recordRecipient({ recipients: recents, address: alice, now: 300 })
    expect(recents).toEqual([
      { address: alice, firstSeen: 100, lastUsed: 300, sends: 2 },
      { address: bob, firstSeen: 200, lastUsed: 200, sends: 1 },
    ])
    for (let i = 0; i < 60; i++) recents = recordRecipient({ recipients: recents, address: getAddress(`0x${i.toString(16).padStart(40, '0')}`), now: 400 + i })
    expect(recents).toHaveLength(50)
  })
})

describe('address poisoning', () => {
  const contacts = [{ address: alice, name: 'Alice', addedAt: 1 }]
  const recipients = [{ address: bob, firstSeen: 5, lastUsed: 5, sends: 1 }]

  it('flags a look-alike of a contact, a recent recipient or an own account', () => {
    const r = detectAddressPoisoning({ recipient: fake, contacts, recipients })
    expect(r.lookalikes).toEqual([{ source: 'contact', address: alice, name: 'Alice' }])
    expect(r.isNew).toBe(true)
    expect(r.known).toBeUndefined()
    const bobFake = getAddress('0x9999000000000000000000000000000000000000')
    expect(detectAddressPoisoning({ recipient: bobFake, contacts, recipients }).lookalikes).toEqual([{ source: 'recent', address: bob, firstSeen: 5 }])
    const own = detectAddressPoisoning({ recipient: fake, contacts: [], recipients: [], accounts: [{ address: alice, name: 'Account 1' }] })
    expect(own.lookalikes).toEqual([{ source: 'account', address: alice, name: 'Account 1' }])
    // case does not hide it
    expect(detectAddressPoisoning({ recipient: fake.toLowerCase() as Address, contacts, recipients }).lookalikes).toHaveLength(1)
  })

  it('an exact match is known, not a look-alike; a new address is flagged as new only', () => {
    const exact = detectAddressPoisoning({ recipient: alice.toLowerCase() as Address, contacts, recipients })
    expect(exact).toEqual({ known: { source: 'contact', address: alice, name: 'Alice' }, lookalikes: [], isNew: false })
    expect(detectAddressPoisoning({ recipient: bob, contacts, recipients })).toEqual({ known: { source: 'recent', address: bob, firstSeen: 5 }, lookalikes: [], isNew: false })
    expect(detectAddressPoisoning({ recipient: stranger, contacts, recipients })).toEqual({ known: undefined, lookalikes: [], isNew: true })
    // only the first 4 matching is not a look-alike (the last 4 differ)
    expect(detectAddressPoisoning({ recipient: getAddress('0x1234a6b7c8d9e0f1a2b3c4d5e6f708192a3b1111'), contacts, recipients }).lookalikes).toEqual([])
  })
})
