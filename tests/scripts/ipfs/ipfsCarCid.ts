// The CID ipfs-car (built on @ipld/unixfs, an implementation independent of
// ipfs-unixfs-importer that Helia uses) computes for a directory: the same as `ipfs-car pack <dir> --no-wrap`.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createDirectoryEncoderStream } from 'ipfs-car'

export async function ipfsCarCid(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const files = await Promise.all(
    entries
      // Hidden files are left out, as by `ipfs add -r` and importDirectory.
      .filter((e) => e.isFile() && !join(e.parentPath, e.name).slice(dir.length).includes('/.'))
      .map(async (e) => {
        const abs = join(e.parentPath, e.name)
        const bytes = await readFile(abs)
        return { name: abs.slice(dir.length + 1), stream: () => new Blob([bytes]).stream() }
      }),
  )
  let last: { cid: { toString(): string } } | undefined
  await createDirectoryEncoderStream(files).pipeTo(
    new WritableStream({
      write(block) {
        last = block
      },
    }),
  )
  if (!last) throw new Error(`ipfs-car produced no blocks for ${dir}`)
  return last.cid.toString()
}
