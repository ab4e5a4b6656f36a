import { randomUUID } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { HistoryStore } from './historyStore.ts'
import { parseHistory, serializeHistory } from './serializeHistory.ts'

/** The CLI's history store: one JSON file per chain and account in `directory`. Never imported by browser code. */
export function createFileHistoryStore({ directory }: { directory: string }): HistoryStore {
  const path = (key: string) => join(directory, `${key.replace(/[^a-zA-Z0-9_-]/g, '_')}.json`)
  return {
    async get(key) {
      try {
        return parseHistory(await readFile(path(key), 'utf8'))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw error
      }
    },
    async put(key, history) {
      await mkdir(directory, { recursive: true })
      // Write then rename: a crash never leaves half a file (which would only be proven again, but still).
      const tmp = `${path(key)}.${process.pid}.${randomUUID()}.tmp`
      await writeFile(tmp, serializeHistory(history))
      await rename(tmp, path(key))
    },
  }
}
