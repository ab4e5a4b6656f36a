import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type Plugin, build } from 'vite'
import { onTestFinished } from 'vitest'

const root = join(import.meta.dirname, '../..')

export type BundleFixtureParameters = {
  /** The fixture module (tests/…/fixtures/*.js), bundled with everything it imports. */
  entry: string
  plugins?: Plugin[]
  /** Extra rolldown options (an `inject`, say); nothing is external whatever is given. */
  rolldownOptions?: Record<string, unknown>
}

/**
 * Bundles a fixture as the browser build bundles a dependency (one ES module, nothing external,
 * not minified, so the code can be searched), with the build step under test. Returns the bundle's
 * code and a loader of its module; the bundle's directory is removed when the test ends.
 */
export async function bundleFixture({ entry, plugins = [], rolldownOptions = {} }: BundleFixtureParameters): Promise<{ code: string; load: () => Promise<Record<string, any>> }> {
  const dir = await mkdtemp(join(tmpdir(), 'latchkey-bundle-fixture-'))
  onTestFinished(() => rm(dir, { recursive: true, force: true }))
  await build({
    configFile: false, root, logLevel: 'silent', plugins,
    build: {
      outDir: dir, emptyOutDir: true, minify: false, target: 'es2022',
      lib: { entry, formats: ['es'], fileName: () => 'bundle.js' },
      rolldownOptions: { ...rolldownOptions, external: [] },
    },
  })
  const file = join(dir, 'bundle.js')
  return { code: await readFile(file, 'utf8'), load: () => import(pathToFileURL(file).href) }
}
