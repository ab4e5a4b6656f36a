import { readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'

/**
 * A tampered copy of a proof bundle, written beside it as `tampered-NAME.json`: the tamper tables
 * change one part each (`change` edits the parsed JSON) and expect verify-bundle to refuse it.
 */
export async function writeTamperedBundle(file: string, name: string, change: (bundle: any) => void): Promise<string> {
  const bundle = JSON.parse(await readFile(file, 'utf8'))
  change(bundle)
  const tampered = join(dirname(file), `tampered-${name}.json`)
  await writeFile(tampered, JSON.stringify(bundle))
  return tampered
}
