import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

/**
 * The start-up floor: a page that does none of the app's work but shows the same controls and
 * the same DOM markers (observeMilestones) as the app, so the bench's cold and warm flows run on
 * it unchanged. On `#/connect` it shows "Add network", then "Watch an address", then the address
 * form, and the moment "Import" is clicked it shows a synced head and a verified balance; on any
 * other route it shows them at once. Its times are what this machine's Chromium, the gateway and
 * the bench's robot take by themselves: nothing the app does can start up faster.
 */
const FLOOR_SCRIPT = `
const main = document.querySelector('main')
const show = (...nodes) => main.replaceChildren(...nodes)
const element = (tag, props = {}) => Object.assign(document.createElement(tag), props)
const done = () => {
  const status = element('p', { textContent: 'Synced' })
  status.setAttribute('data-sync-status', 'synced')
  status.setAttribute('data-light-client', 'running')
  status.setAttribute('data-head-block', '1')
  const balance = element('p', { textContent: '1 ETH, verified at block 1' })
  balance.setAttribute('data-verified-balance', '')
  balance.setAttribute('data-block', '1')
  show(status, balance)
}
const watchForm = () => {
  const input = element('input', { id: 'address', type: 'text' })
  const label = element('label', { htmlFor: 'address', textContent: 'Address to watch (0x…)' })
  const submit = element('button', { type: 'button', textContent: 'Import' })
  submit.addEventListener('click', done)
  show(label, input, submit)
}
const review = () => {
  const add = element('button', { type: 'button', textContent: 'Add network' })
  add.addEventListener('click', () => {
    const link = element('a', { href: '#/watch', textContent: 'Watch an address' })
    link.addEventListener('click', (event) => { event.preventDefault(); watchForm() })
    show(link)
  })
  show(element('h1', { textContent: 'Review this network' }), add)
}
if (location.hash.startsWith('#/connect')) review()
else done()
`

const FLOOR_HTML = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Start-up floor</title><script type="module" src="./floor.js"></script></head>
<body><main></main></body>
</html>
`

/** Writes the floor page into a new temporary directory (to be published like a build) and returns it. */
export async function writeFloorPage(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'latchkey-bench-floor-'))
  await writeFile(path.join(dir, 'index.html'), FLOOR_HTML)
  await writeFile(path.join(dir, 'floor.js'), FLOOR_SCRIPT)
  return dir
}
