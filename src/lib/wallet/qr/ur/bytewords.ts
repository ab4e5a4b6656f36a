import { BaseError } from '../../../errors.ts'
import { crc32 } from './crc32.ts'

// Bytewords (BCR-2020-012), minimal style: each byte is the first and last letter of its word, and
// the body ends with the CRC-32 of the data, big-endian. The 256 words, in byte order:
const words = 'ableacidalsoapexaquaarchatomauntawayaxisbackbaldbarnbeltbetabiasbluebodybragbrewbulbbuzzcalmcashcatschefcityclawcodecolacookcostcruxcurlcuspcyandarkdatadaysdelidicedietdoordowndrawdropdrumdulldutyeacheasyechoedgeepicevenexamexiteyesfactfairfernfigsfilmfishfizzflapflewfluxfoxyfreefrogfuelfundgalagamegeargemsgiftgirlglowgoodgraygrimgurugushgyrohalfhanghardhawkheathelphighhillholyhopehornhutsicedideaidleinchinkyintoirisironitemjadejazzjoinjoltjowljudojugsjumpjunkjurykeepkenokeptkeyskickkilnkingkitekiwiknoblamblavalazyleaflegsliarlimplionlistlogoloudloveluaulucklungmainmanymathmazememomenumeowmildmintmissmonknailnavyneednewsnextnoonnotenumbobeyoboeomitonyxopenovalowlspaidpartpeckplaypluspoempoolposepuffpumapurrquadquizraceramprealredorichroadrockroofrubyruinrunsrustsafesagascarsetssilkskewslotsoapsolosongstubsurfswantacotasktaxitenttiedtimetinytoiltombtoystriptunatwinuglyundouniturgeuservastveryvetovialvibeviewvisavoidvowswallwandwarmwaspwavewaxywebswhatwhenwhizwolfworkyankyawnyellyogayurtzapszerozestzinczonezoom'
const minimal = Array.from({ length: 256 }, (_, i) => `${words[4 * i]}${words[4 * i + 3]}`)
const byMinimal = new Map(minimal.map((w, i) => [w, i]))

export class BytewordsError extends BaseError {
  override name = 'BytewordsError'
}

export function encodeBytewords(data: Uint8Array): string {
  const checksum = crc32(data)
  const withChecksum = [...data, checksum >>> 24, (checksum >>> 16) & 0xff, (checksum >>> 8) & 0xff, checksum & 0xff]
  return withChecksum.map((b) => minimal[b]).join('')
}

/** The data of a minimal-style bytewords text; throws BytewordsError on an unknown word or a wrong checksum. */
export function decodeBytewords(text: string): Uint8Array {
  const lower = text.toLowerCase()
  if (lower.length % 2 !== 0) throw new BytewordsError('Invalid Bytewords: odd length')
  const bytes = Uint8Array.from({ length: lower.length / 2 }, (_, i) => {
    const value = byMinimal.get(lower.slice(2 * i, 2 * i + 2))
    if (value === undefined) throw new BytewordsError('Invalid Bytewords: invalid word')
    return value
  })
  if (bytes.length < 5) throw new BytewordsError('Invalid Bytewords: invalid decoded string length')
  const body = bytes.subarray(0, -4)
  const expected = new DataView(bytes.buffer, bytes.length - 4).getUint32(0)
  if (crc32(body) !== expected) throw new BytewordsError('Invalid Checksum')
  return body.slice()
}
