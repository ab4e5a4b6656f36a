import { createHash } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Abi, Hex } from 'viem'

/** The compiled form of one contract: what a deployment needs. */
export type CompiledContract = { name: string; abi: Abi; bytecode: Hex; deployedBytecode: Hex }

export class ContractCompileError extends Error {
  override name = 'ContractCompileError'
  constructor(file: string, messages: string[]) {
    super(`solc could not compile ${file}:\n${messages.join('\n')}`)
  }
}

const here = dirname(fileURLToPath(import.meta.url))
/** Our own Solidity sources (devnet and test contracts) live beside this file. */
export const CONTRACT_SOURCES = join(here, 'sources')
const require = createRequire(import.meta.url)
const nodeModules = resolve(here, '../../node_modules')
const cacheDir = join(nodeModules, '.cache', 'latchkey-solc')

// Fixed settings so that the same source always gives the same bytecode (the devnet's addresses and
// the tests' expectations depend on it); prague matches anvil's default hardfork.
const SETTINGS = {
  evmVersion: 'prague',
  optimizer: { enabled: true, runs: 200 },
  metadata: { bytecodeHash: 'none' },
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
}

function findImport(path: string): { contents: string } | { error: string } {
  // `@openzeppelin/...` from node_modules; a relative import from our sources folder.
  for (const base of [nodeModules, CONTRACT_SOURCES]) {
    try {
      return { contents: readFileSync(join(base, path), 'utf8') }
    } catch {
      // try the next base
    }
  }
  return { error: `not found: ${path}` }
}

/**
 * Compiles `file` (relative to scripts/contracts/sources) with the solc in node_modules (solcjs, no
 * download) and returns every contract in it. Results are cached on disk by source, so the devnet
 * and the tests pay solc's start-up once per change.
 */
export async function compileContracts(file: string): Promise<Record<string, CompiledContract>> {
  const path = join(CONTRACT_SOURCES, file)
  const source = await readFile(path, 'utf8')
  const solc = require('solc') as { compile(input: string, options: { import: typeof findImport }): string; version(): string }
  const key = createHash('sha256').update(solc.version()).update(JSON.stringify(SETTINGS)).update(file).update(source).digest('hex')
  const cached = join(cacheDir, `${key}.json`)
  try {
    return JSON.parse(await readFile(cached, 'utf8')) as Record<string, CompiledContract>
  } catch {
    // not compiled yet
  }
  const input = { language: 'Solidity', sources: { [file]: { content: source } }, settings: SETTINGS }
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport })) as {
    errors?: { severity: string; formattedMessage: string }[]
    contracts?: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>>
  }
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error')
  if (errors.length > 0 || !output.contracts?.[file]) throw new ContractCompileError(file, errors.map((e) => e.formattedMessage))
  const compiled: Record<string, CompiledContract> = {}
  for (const [name, c] of Object.entries(output.contracts[file])) {
    compiled[name] = { name, abi: c.abi, bytecode: `0x${c.evm.bytecode.object}`, deployedBytecode: `0x${c.evm.deployedBytecode.object}` }
  }
  await mkdir(cacheDir, { recursive: true })
  // write then rename is not needed: a torn cache file fails JSON.parse above and is recompiled
  await writeFile(cached, JSON.stringify(compiled))
  return compiled
}

/** One named contract from a source file. */
export async function compileContract(file: string, name: string): Promise<CompiledContract> {
  const all = await compileContracts(file)
  const contract = all[name]
  if (!contract) throw new ContractCompileError(file, [`no contract named ${name} (has ${Object.keys(all).join(', ')})`])
  return contract
}
