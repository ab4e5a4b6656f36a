import path from 'node:path'
import type { Plugin } from 'vite'
import { ethereumjsEvmRoot } from './lazyEvmBls.ts'

const prefix = '\0latchkey:no-evm-eof:'
const refuse = "() => { throw new Error('EOF (EIP-3540) is in no hardfork the local EVM runs: the build leaves its code out') }"
// What the EVM imports from each EOF module, stubbed (the build fails if an import has no stub).
const stubs: Record<string, string> = {
  'container.js': `export const EOFContainerMode = {}\nexport class EOFContainer { constructor() { (${refuse})() } }\nexport const validateEOF = ${refuse}\n`,
  'verify.js': 'export const ContainerSectionType = {}\n',
  'setup.js': `export const setupEOF = ${refuse}\n`,
  'errors.js': 'export const EOFErrorMessage = {}\n',
  // Read only to add immediates to `step` events, which the local EVM never listens to.
  'stackDelta.js': 'export const stackDelta = {}\n',
}

/**
 * @ethereumjs/evm carries the EVM Object Format (container parsing, validation, its opcodes' tables
 * and messages: about 22 kB minified, a tenth of the local EVM), which no scheduled hardfork
 * activates (Osaka dropped it). Its modules become stubs that throw; runCallAsTransaction refuses
 * to run at all where EIP-3540 is active, so no stub is reached. Legacy code starting with 0xEF is
 * handled without them (EIP-3541 refuses to deploy it, the interpreter runs it as legacy code).
 */
export function noEvmEof(): Plugin {
  const eofDir = path.join(ethereumjsEvmRoot(), 'dist/esm/eof')
  return {
    name: 'latchkey:no-evm-eof',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !source.startsWith('.') || !source.includes('eof/')) return null
      const resolved = path.resolve(path.dirname(importer.split('?')[0]!), source)
      const name = path.basename(resolved)
      return path.dirname(resolved) === eofDir && name in stubs ? prefix + name : null
    },
    load(id) {
      return id.startsWith(prefix) ? stubs[id.slice(prefix.length)]! : null
    },
  }
}
