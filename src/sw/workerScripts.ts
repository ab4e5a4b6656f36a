/**
 * Replaced in sw.js by the build (scripts/build/serviceWorkerBuild.ts) with the JSON list of the
 * worker's files: sw.js and the chunks it imports, which are only named once the build has split
 * its chunks.
 */
export const workerScriptsPlaceholder = '__LATCHKEY_WORKER_SCRIPTS__'

/**
 * The worker's own scripts, as paths from the copy's root (`sw.js`, `assets/…`): the files the
 * browser's update check compares, so the files a gateway could swap the worker through.
 */
export function workerScripts(): string[] {
  return JSON.parse(workerScriptsPlaceholder) as string[]
}
