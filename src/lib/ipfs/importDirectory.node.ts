import { readdir, readFile, stat } from 'node:fs/promises'
import { join, posix } from 'node:path'
import { unixfs } from '@helia/unixfs'
import type { Blockstore } from 'interface-blockstore'
import type { CID } from 'multiformats/cid'
import { DirectoryNotFoundError } from './errors.ts'
import { unixfsImportOptions } from './unixfsImportOptions.ts'

export type ImportDirectoryParameters = {
  /** Directory whose contents become the root of the UnixFS directory. */
  dir: string
  blockstore: Blockstore
}

export type ImportDirectoryReturnType = {
  cid: CID
  /** Relative paths of the imported files, sorted. */
  files: string[]
  /** Hidden entries (name starting with '.') and symlinks left out, like `ipfs add -r` does by default. */
  skipped: string[]
}

/** Adds the contents of `dir` as one UnixFS directory (see unixfsImportOptions) and returns its CID. */
export async function importDirectory({ dir, blockstore }: ImportDirectoryParameters): Promise<ImportDirectoryReturnType> {
  const info = await stat(dir).catch((cause: unknown) => {
    throw new DirectoryNotFoundError({ dir, cause })
  })
  if (!info.isDirectory()) throw new DirectoryNotFoundError({ dir })

  const files: string[] = []
  const dirs: string[] = []
  const skipped: string[] = []
  await walk(dir, '', { files, dirs, skipped })

  // Directory entries are listed too, so that an empty directory is kept as Kubo keeps it.
  const source = (async function* () {
    for (const path of dirs) yield { path }
    for (const path of files) yield { path, content: new Uint8Array(await readFile(join(dir, path))) }
  })()

  let root: CID | undefined
  for await (const entry of unixfs({ blockstore }).addAll(source, unixfsImportOptions)) {
    // With wrapWithDirectory the wrapping directory (path '') comes last.
    if (entry.path === '') root = entry.cid
  }
  if (root === undefined) throw new DirectoryNotFoundError({ dir })
  return { cid: root, files, skipped }
}

async function walk(root: string, rel: string, acc: { files: string[]; dirs: string[]; skipped: string[] }) {
  const entries = await readdir(join(root, rel), { withFileTypes: true })
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    const path = rel === '' ? entry.name : posix.join(rel, entry.name)
    if (entry.name.startsWith('.') || entry.isSymbolicLink()) acc.skipped.push(path)
    else if (entry.isDirectory()) {
      acc.dirs.push(path)
      await walk(root, path, acc)
    } else if (entry.isFile()) acc.files.push(path)
    else acc.skipped.push(path)
  }
}
