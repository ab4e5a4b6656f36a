import { randomUUID } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { LightClientStateStore, PersistedLightClientState } from './LightClientStateStore.ts'

/** Node's store for the verified light-client state: one JSON file per key in `directory`. Never imported by browser code. */
export function createFileStateStore({ directory }: { directory: string }): LightClientStateStore {
  const path = (key: string) => join(directory, `${key.replace(/[^a-zA-Z0-9_-]/g, '_')}.json`)
  return {
    load: async (key) => {
      try {
        return JSON.parse(await readFile(path(key), 'utf8')) as PersistedLightClientState
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw error
      }
    },
    save: async (key, state) => {
      await mkdir(directory, { recursive: true })
      // Write then rename so a crash never leaves a half-written state behind; a unique temp name
      // so that two clients saving at once (same process or not) never write into one file.
      const tmp = `${path(key)}.${process.pid}.${randomUUID()}.tmp`
      await writeFile(tmp, JSON.stringify(state))
      await rename(tmp, path(key))
    },
    clear: async (key) => { await rm(path(key), { force: true }) },
  }
}
