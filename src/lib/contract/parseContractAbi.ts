import { type Abi, type AbiFunction, parseAbi } from 'viem'
import { AbiParseError } from './errors.ts'

export type ParseContractAbiParameters = { text: string }
export type ParseContractAbiReturnType = { abi: Abi; reads: AbiFunction[]; writes: AbiFunction[] }

/**
 * A contract's ABI as the user pasted it: a JSON ABI (or a Hardhat/Foundry artifact with an `abi`
 * field), or human-readable signatures one per line (viem's parseAbi, e.g.
 * `function balanceOf(address) view returns (uint256)`). Reads are view/pure functions, writes the
 * rest. Anything else is refused with the line or entry at fault.
 */
export function parseContractAbi({ text }: ParseContractAbiParameters): ParseContractAbiReturnType {
  const trimmed = text.trim()
  if (!trimmed) throw new AbiParseError({ reason: 'it is empty. Paste a JSON ABI or one signature per line.' })
  const abi = trimmed.startsWith('[') || trimmed.startsWith('{') ? fromJson(trimmed) : fromSignatures(trimmed)
  const functions = abi.filter((item): item is AbiFunction => item.type === 'function')
  if (functions.length === 0) throw new AbiParseError({ reason: 'it has no functions.' })
  const reads = functions.filter((f) => f.stateMutability === 'view' || f.stateMutability === 'pure')
  return { abi, reads, writes: functions.filter((f) => !reads.includes(f)) }
}

const KINDS = new Set(['function', 'event', 'error', 'constructor', 'fallback', 'receive'])
const MUTABILITY = new Set(['pure', 'view', 'nonpayable', 'payable'])

function fromJson(text: string): Abi {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (cause) {
    throw new AbiParseError({ reason: `it looks like JSON but is not valid JSON (${(cause as Error).message}).`, cause })
  }
  const items = Array.isArray(value) ? value : (value as { abi?: unknown })?.abi
  if (!Array.isArray(items)) throw new AbiParseError({ reason: 'a JSON ABI is an array of entries (or an object with an "abi" array).' })
  items.forEach((item, i) => {
    const at = `entry ${i + 1}`
    if (typeof item !== 'object' || item === null || !KINDS.has((item as { type?: string }).type ?? 'function'))
      throw new AbiParseError({ reason: `${at} is not a function, event, error, constructor, fallback or receive entry.` })
    const entry = item as { type?: string; name?: unknown; inputs?: unknown; outputs?: unknown; stateMutability?: unknown; constant?: boolean; payable?: boolean }
    // Old (pre-0.5) ABIs say constant/payable instead of stateMutability.
    entry.type ??= 'function'
    if (entry.type !== 'function') return
    if (typeof entry.name !== 'string' || !entry.name) throw new AbiParseError({ reason: `${at} is a function without a name.` })
    entry.stateMutability ??= entry.constant ? 'view' : entry.payable ? 'payable' : 'nonpayable'
    if (!MUTABILITY.has(entry.stateMutability as string)) throw new AbiParseError({ reason: `${at} (${entry.name}) has an unknown stateMutability "${String(entry.stateMutability)}".` })
    entry.inputs ??= []
    entry.outputs ??= []
    for (const list of [entry.inputs, entry.outputs]) {
      if (!Array.isArray(list)) throw new AbiParseError({ reason: `${at} (${entry.name}): inputs and outputs are arrays.` })
      for (const param of list) checkParameter(param, `${at} (${entry.name})`)
    }
  })
  return items as Abi
}

// Solidity's ABI types (https://docs.soliditylang.org/en/latest/abi-spec.html#types), arrays included.
const SIZES = '(8|16|24|32|40|48|56|64|72|80|88|96|104|112|120|128|136|144|152|160|168|176|184|192|200|208|216|224|232|240|248|256)'
const ABI_TYPE = new RegExp(`^(address|bool|string|function|tuple|bytes([1-9]|[12]\\d|3[0-2])?|u?int${SIZES}?)(\\[\\d*\\])*$`)

function checkParameter(param: unknown, at: string): void {
  const p = param as { type?: unknown; components?: unknown }
  if (typeof p !== 'object' || p === null || typeof p.type !== 'string' || !ABI_TYPE.test(p.type))
    throw new AbiParseError({ reason: `${at}: "${String(p?.type)}" is not a valid ABI type.` })
  if (p.type.startsWith('tuple')) {
    if (!Array.isArray(p.components)) throw new AbiParseError({ reason: `${at}: a tuple needs its components.` })
    for (const c of p.components) checkParameter(c, at)
  }
}

function fromSignatures(text: string): Abi {
  const lines = text.split('\n').map((line, i) => ({ line: i + 1, text: line.trim().replace(/;$/, '') })).filter((l) => l.text && !l.text.startsWith('//'))
  const structs = lines.filter((l) => l.text.startsWith('struct ')).map((l) => l.text)
  try {
    return parseAbi(lines.map((l) => l.text)) as Abi
  } catch (cause) {
    // Name the first line that fails on its own (with the structs it may use).
    for (const l of lines) {
      if (l.text.startsWith('struct ')) continue
      try {
        parseAbi([...structs, l.text])
      } catch (lineCause) {
        throw new AbiParseError({ reason: `${describe(lineCause)} in "${l.text}"`, line: l.line, cause: lineCause })
      }
    }
    throw new AbiParseError({ reason: describe(cause), cause })
  }
}

function describe(error: unknown): string {
  const e = error as { shortMessage?: string; metaMessages?: string[]; message?: string }
  const meta = e.metaMessages?.find((m) => m.trim())
  return [e.shortMessage ?? e.message, meta?.trim()].filter(Boolean).join(' ').replace(/\.?$/, '.').replace(/\.\.$/, '.')
}
