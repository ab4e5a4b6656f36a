/** The file a Latchkey build says what it is in (scripts/build/buildInfo.ts writes it). */
export const buildInfoFile = 'latchkey-build.json'

/** What a build says about itself: its version, and the git commit it was built from (null when it was not exactly a commit). */
export type BuildInfo = { name: 'latchkey'; version: string; commit: string | null }

/** Reads a build's own metadata; undefined when it is malformed or does not say it is Latchkey. */
export function parseBuildInfo(bytes: Uint8Array): BuildInfo | undefined {
  let info: Partial<BuildInfo>
  try {
    info = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as Partial<BuildInfo>
  } catch {
    return undefined
  }
  if (info?.name !== 'latchkey' || typeof info.version !== 'string' || !/^[0-9A-Za-z.+-]{1,64}$/.test(info.version)) return undefined
  if (info.commit !== null && !(typeof info.commit === 'string' && /^[0-9a-f]{40}$/.test(info.commit))) return undefined
  return { name: 'latchkey', version: info.version, commit: info.commit }
}
