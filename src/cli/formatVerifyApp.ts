import { formatBytes } from '../lib/formatBytes.ts'
import type { VerifyAppResult } from './runVerifyApp.ts'

/** The text `latchkey verify-app` prints: what was verified, which gateway served what, the rebuild. */
export function formatVerifyApp(result: VerifyAppResult): string {
  const lines = [
    `${result.cid}: verified, every block checked against the CID (${result.blocks} blocks, ${formatBytes(result.bytes)}, ${result.files} files)`,
  ]
  for (const g of result.gateways) {
    if (g.faulty) lines.push(`  ${g.url}: caught serving wrong data, its blocks were refused: ${g.error?.name}: ${g.error?.message}`)
    else if (g.blocks > 0) lines.push(`  ${g.url}: ${g.blocks} blocks, ${formatBytes(g.bytes)}`)
    else lines.push(`  ${g.url}: no blocks used${g.error ? ` (${g.error.name}: ${g.error.message})` : ''}`)
  }
  if (result.build) {
    const { commit, dirty, source } = result.build
    const at = commit ? `commit ${commit.slice(0, 12)}${dirty ? ', with uncommitted changes' : ''}` : 'not a git checkout'
    lines.push(`Rebuilt from ${source} (${at}): ${result.build.cid}, the same CID: this copy is the reproducible build of this source.`)
  }
  return lines.join('\n')
}

