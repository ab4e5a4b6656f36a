import type { Address } from 'viem'
import type { Contact, RecentRecipient } from './addressBook.ts'

/** An address the user knows: a contact, one of their own accounts, or one they sent to before. */
export type KnownAddress =
  | { source: 'contact'; address: Address; name: string }
  | { source: 'account'; address: Address; name: string }
  | { source: 'recent'; address: Address; firstSeen: number }

export type DetectAddressPoisoningParameters = {
  recipient: Address
  contacts: readonly Contact[]
  recipients: readonly RecentRecipient[]
  /** The wallet's own accounts: poisoners copy those too. */
  accounts?: readonly { address: Address; name: string }[]
}
export type DetectAddressPoisoningReturnType = {
  /** The recipient itself, when known (a contact first). */
  known: KnownAddress | undefined
  /** Known addresses that differ from the recipient but share its first and last 4 hex digits. */
  lookalikes: KnownAddress[]
  /** Never sent to, not a contact, not an own account. */
  isNew: boolean
}

/** The part people compare: 4 hex digits after 0x and the last 4 (what a shortened address shows). */
const ends = (a: string) => `${a.slice(2, 6)}…${a.slice(-4)}`.toLowerCase()

/**
 * Address poisoning: an attacker sends a dust or zero transfer from an address made to share the
 * ends of one you use, hoping you copy it from your history. A recipient whose ends match a known
 * address but which is a different address is flagged; so is one never seen before.
 */
export function detectAddressPoisoning({ recipient, contacts, recipients, accounts = [] }: DetectAddressPoisoningParameters): DetectAddressPoisoningReturnType {
  const all: KnownAddress[] = [
    ...contacts.map((c): KnownAddress => ({ source: 'contact', address: c.address, name: c.name })),
    ...accounts.map((a): KnownAddress => ({ source: 'account', address: a.address, name: a.name })),
    ...recipients.map((r): KnownAddress => ({ source: 'recent', address: r.address, firstSeen: r.firstSeen })),
  ]
  const r = recipient.toLowerCase()
  const known = all.find((k) => k.address.toLowerCase() === r)
  const seen = new Set<string>()
  const lookalikes = all.filter((k) => {
    const a = k.address.toLowerCase()
    if (a === r || ends(a) !== ends(r) || seen.has(a)) return false
    seen.add(a)
    return true
  })
  return { known, lookalikes, isNew: !known }
}
