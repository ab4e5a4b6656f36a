/**
 * The Kubo command that computes the same CID as importDirectory (Kubo >= 0.40,
 * where --max-file-links exists; `ipfs init --profile=unixfs-v1-2025` sets the
 * same as defaults). Without --max-file-links Kubo puts 174 links per node, which
 * only changes the CID of files over 174 MiB. Hidden files are left out on both sides.
 */
export function kuboAddCommand({ dir }: { dir: string }): string {
  return `ipfs add -r --cid-version=1 --raw-leaves --chunker=size-1048576 --max-file-links=1024 ${dir}`
}
