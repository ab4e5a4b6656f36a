import type { Address } from 'viem'
import { ContactExistsError, ContactNotFoundError, InvalidContactNameError } from './errors.ts'
import { verifyAddress } from './verifyAddress.ts'

/** A named address the user added (not secret: kept in settings). */
export type Contact = { address: Address; name: string; addedAt: number }
/** An address this wallet sent to: when first and last, and how often (for the poisoning check and the picker). */
export type RecentRecipient = { address: Address; firstSeen: number; lastUsed: number; sends: number }

const maxName = 40
/** Keeps the list to what a picker can show; the oldest-used go first. */
export const maxRecentRecipients = 50

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()

function verifyName({ contacts, name, except }: { contacts: readonly Contact[]; name: string; except?: Address }): string {
  const trimmed = name.trim().replace(/\s+/g, ' ')
  if (!trimmed) throw new InvalidContactNameError({ input: name, reason: 'it is empty' })
  if (trimmed.length > maxName) throw new InvalidContactNameError({ input: name, reason: `it is longer than ${maxName} characters` })
  // A name that reads like an address would be a look-alike of its own.
  if (/^0x[0-9a-f]{4,}/i.test(trimmed)) throw new InvalidContactNameError({ input: name, reason: 'it looks like an address' })
  const taken = contacts.find((c) => c.name.toLowerCase() === trimmed.toLowerCase() && (!except || !same(c.address, except)))
  if (taken) throw new ContactExistsError({ address: taken.address, existing: taken.name, sameName: true })
  return trimmed
}

/** Adds a contact; the address must be valid (EIP-55 when mixed case), new, and the name unused. */
export function addContact({ contacts, address, name, now = Date.now() }: { contacts: readonly Contact[]; address: string; name: string; now?: number }): Contact[] {
  const checked = verifyAddress({ address })
  const existing = contacts.find((c) => same(c.address, checked))
  if (existing) throw new ContactExistsError({ address: checked, existing: existing.name, sameName: false })
  return [...contacts, { address: checked, name: verifyName({ contacts, name }), addedAt: now }]
}

export function renameContact({ contacts, address, name }: { contacts: readonly Contact[]; address: Address; name: string }): Contact[] {
  if (!contacts.some((c) => same(c.address, address))) throw new ContactNotFoundError({ address })
  const checked = verifyName({ contacts, name, except: address })
  return contacts.map((c) => (same(c.address, address) ? { ...c, name: checked } : c))
}

export function removeContact({ contacts, address }: { contacts: readonly Contact[]; address: Address }): Contact[] {
  if (!contacts.some((c) => same(c.address, address))) throw new ContactNotFoundError({ address })
  return contacts.filter((c) => !same(c.address, address))
}

/** Records a send to `address` (after a node or the wallet accepted it); keeps its first-seen date. */
export function recordRecipient({ recipients, address, now = Date.now() }: { recipients: readonly RecentRecipient[]; address: Address; now?: number }): RecentRecipient[] {
  const prior = recipients.find((r) => same(r.address, address))
  const entry: RecentRecipient = prior ? { ...prior, lastUsed: now, sends: prior.sends + 1 } : { address, firstSeen: now, lastUsed: now, sends: 1 }
  return [entry, ...recipients.filter((r) => !same(r.address, address))].sort((a, b) => b.lastUsed - a.lastUsed).slice(0, maxRecentRecipients)
}
