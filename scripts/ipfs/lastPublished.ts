import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export type LastPublished = { cid: string; carPath: string }

const fileName = 'last-published.json'

/** Remembers in the repo which CID `npm run publish` added last, so `npm run serve` can print its URLs. */
export async function writeLastPublished({ repo, value }: { repo: string; value: LastPublished }): Promise<void> {
  await writeFile(join(repo, fileName), `${JSON.stringify(value, null, 2)}\n`)
}

export async function readLastPublished({ repo }: { repo: string }): Promise<LastPublished | undefined> {
  try {
    return JSON.parse(await readFile(join(repo, fileName), 'utf8')) as LastPublished
  } catch {
    return undefined
  }
}
