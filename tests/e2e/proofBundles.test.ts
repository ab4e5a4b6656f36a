import { mkdtempSync } from 'node:fs'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPublicClient, encodeFunctionData, erc20Abi, getAddress, http, keccak256, pad } from 'viem'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Deployed, deployContract } from '../../scripts/contracts/deployContract.ts'
import { flipHexByte, startFaultProxy } from '../helpers/faultProxy.ts'
import { runCliCaptured } from '../helpers/runCliCaptured.ts'
import { waitForAttestedBlock } from '../helpers/waitForAttestedBlock.ts'
import { confirmConnectLink } from './confirmConnectLink.ts'
import { addToken, dumpOnFailure, useE2e, watchAddress } from './harness.ts'

// The CLI reads the devnet through the info file it writes at start.
const dir = mkdtempSync(join(tmpdir(), 'latchkey-proof-bundles-'))
const infoFile = join(dir, 'devnet.json')
const e2e = useE2e({ devnets: [{ infoFile }] })
let token: Deployed
const SUPPLY = 10n ** 12n
/** verify-bundle may not touch the network at all: any fetch fails the test. */
const offline = (() => { throw new Error('verify-bundle used the network') }) as unknown as typeof fetch
let appCallFile: string
let cliCallFile: string
let cliReceiptFile: string
let cliCallsFile: string
let cliPreviewFile: string
let appContractFiles: string[] = []
let cli: { result: string; verifiedAgainst: { blockNumber: string; blockHash: string } }

beforeAll(async () => {
  const { devnet } = e2e
  token = await deployContract({ rpcUrl: devnet.rpcUrl, file: 'TestTokens.sol', contract: 'TestToken', args: ['Proof', 'PRF', 6, SUPPLY] })
  // The CLI reads at the light client's head: wait until an update attests the deployment.
  await waitForAttestedBlock({ beaconUrl: devnet.beaconUrl, blockNumber: token.blockNumber })
  // CLI bundles for the app to open: the token balance by eth_call, and the deployment's receipt.
  cliCallFile = join(dir, 'cli-call.json')
  cliReceiptFile = join(dir, 'cli-receipt.json')
  const flags = ['--devnet-info', infoFile, '--state-dir', join(dir, 'state'), '--json']
  const data = encodeFunctionData({ abi: erc20Abi, functionName: 'balanceOf', args: [devnet.accounts[0]] })
  const call = await runCliCaptured(['call', '--to', token.address, '--data', data, ...flags, '--bundle', cliCallFile], { cwd: dir })
  expect(call.stderr).toBe('')
  expect(call.code).toBe(0)
  cli = JSON.parse(call.stdout)
  const receipt = await runCliCaptured(['receipt', token.transactionHash, ...flags, '--bundle', cliReceiptFile], { cwd: dir })
  expect(receipt.stderr).toBe('')
  expect(receipt.code).toBe(0)
  // Version 3: two calls at one block (balanceOf and totalSupply), and the preview of a transfer.
  cliCallsFile = join(dir, 'cli-calls.json')
  const calls = await runCliCaptured(['call', '--to', token.address, '--data', data, '--data', encodeFunctionData({ abi: erc20Abi, functionName: 'totalSupply' }), ...flags, '--bundle', cliCallsFile], { cwd: dir })
  expect(calls.stderr).toBe('')
  expect(calls.code).toBe(0)
  cliPreviewFile = join(dir, 'cli-preview.json')
  const transfer = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: ['0x000000000000000000000000000000000000b0b0', 7n] })
  const preview = await runCliCaptured(['simulate', '--from', devnet.accounts[0], '--to', token.address, '--data', transfer, ...flags, '--bundle', cliPreviewFile], { cwd: dir })
  expect(preview.stderr).toBe('')
  expect(preview.code).toBe(0)
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

it('Export proof on a token balance (a verified eth_call) writes a call bundle that the CLI re-runs offline (app -> CLI)', async () => {
  const { devnet, app, browser, page } = e2e
  dumpOnFailure(page, browser, 'proof-bundles-export')
  const query = new URLSearchParams({ network: 'devnet', beacon: devnet.beaconUrl, rpc: devnet.rpcUrl, checkpoint: devnet.checkpointRoot })
  await confirmConnectLink(page, `${app.subdomainUrl}#/connect?${query}`)
  await watchAddress(page, devnet.accounts[0])
  await page.getByLabel('Token contract address').fill(token.address)
  await addToken(page)
  const row = page.locator(`[data-testid="token"][data-address="${getAddress(token.address)}"]`)
  const disclosure = row.getByTestId('evidence')
  await disclosure.waitFor({ timeout: 60_000 })
  await disclosure.locator('summary').click()
  const [download] = await Promise.all([page.waitForEvent('download'), disclosure.getByTestId('export-proof').click()])
  expect(download.suggestedFilename()).toMatch(/^latchkey-proof-call-block-\d+\.json$/)
  appCallFile = join(dir, download.suggestedFilename())
  await download.saveAs(appCallFile)
  const bundle = JSON.parse(await readFile(appCallFile, 'utf8'))
  expect(bundle).toMatchObject({ version: 2, claim: { kind: 'call', call: { to: getAddress(token.address) } } })

  const verified = await runCliCaptured(['verify-bundle', appCallFile, '--checkpoint', devnet.checkpointRoot, '--json'], { cwd: dir, fetch: offline })
  expect(verified.stderr).toBe('')
  expect(verified.code).toBe(0)
  const out = JSON.parse(verified.stdout)
  // The return data is the token balance at that block, as anvil has it.
  const anvil = createPublicClient({ transport: http(devnet.rpcUrl) })
  const balance = await anvil.readContract({ address: token.address, abi: erc20Abi, functionName: 'balanceOf', args: [devnet.accounts[0]], blockNumber: BigInt(out.block.number) })
  expect(balance).toBe(SUPPLY)
  expect(out.claim.result).toBe(pad(`0x${SUPPLY.toString(16)}`, { size: 32 }))
  expect(out.block.hash).toBe((await anvil.getBlock({ blockNumber: BigInt(out.block.number) })).hash)
}, 180_000)

it('Export proof on the Contract screen: the code check (a code bundle) and a read (a call bundle) verify in the CLI offline (app -> CLI)', async () => {
  const { devnet, app, browser, page } = e2e
  dumpOnFailure(page, browser, 'proof-bundles-contract')
  await page.goto(`${app.subdomainUrl}#/contract?address=${token.address}`)
  await page.getByRole('heading', { name: 'Contract', level: 1 }).waitFor()
  await page.getByLabel('Contract address').fill(token.address)
  await page.getByLabel('ABI').fill('function balanceOf(address owner) view returns (uint256)')
  await page.getByRole('button', { name: 'Load contract' }).click()
  await expect.poll(() => page.getByTestId('contract-code').textContent(), { timeout: 60_000 }).toMatch(/contract code verified at block \d+/)
  const form = page.getByRole('form', { name: 'balanceOf(address)' })
  await form.getByLabel('owner (address)').fill(devnet.accounts[0])
  await form.getByRole('button', { name: 'Read' }).click()
  await expect.poll(() => form.getByTestId('read-value').textContent(), { timeout: 60_000 }).toBe(String(SUPPLY))
  const exportFrom = async (disclosure: ReturnType<typeof page.getByTestId>) => {
    await disclosure.locator('summary').click()
    const [download] = await Promise.all([page.waitForEvent('download'), disclosure.getByTestId('export-proof').click()])
    const file = join(dir, `contract-${download.suggestedFilename()}`)
    await download.saveAs(file)
    const verified = await runCliCaptured(['verify-bundle', file, '--checkpoint', devnet.checkpointRoot, '--json'], { cwd: dir, fetch: offline })
    expect(verified.stderr).toBe('')
    expect(verified.code).toBe(0)
    return { file, out: JSON.parse(verified.stdout) }
  }
  const code = await exportFrom(page.getByRole('region', { name: 'Contract functions' }).getByTestId('evidence').first())
  const anvil = createPublicClient({ transport: http(devnet.rpcUrl) })
  const deployed = await anvil.getCode({ address: token.address, blockNumber: BigInt(code.out.block.number) })
  expect(code.out.claim).toMatchObject({ kind: 'code', address: getAddress(token.address), codeHash: keccak256(deployed!), size: (deployed!.length - 2) / 2 })
  const read = await exportFrom(form.getByTestId('evidence'))
  expect(read.out.claim).toMatchObject({ kind: 'call', call: { to: getAddress(token.address) }, result: pad(`0x${SUPPLY.toString(16)}`, { size: 32 }) })
  appContractFiles = [code.file, read.file]
}, 180_000)

it('"Verify a proof" re-checks bundles from the CLI and from the app with the browser offline, from the trusted checkpoint, and names the first failing check of a tampered one (CLI -> app)', async () => {
  const { devnet, app, browser, page } = e2e
  dumpOnFailure(page, browser, 'proof-bundles-open')
  await page.goto(`${app.subdomainUrl}#/settings`)
  await page.getByRole('link', { name: 'Verify a proof bundle' }).click()
  await page.getByRole('heading', { name: 'Verify a proof' }).waitFor()
  // Prefilled with the checkpoint this copy's light client started from; then no network at all.
  await expect(page.getByTestId('proof-checkpoint').inputValue()).resolves.toBe(devnet.checkpointRoot)
  await page.getByTestId('proof-ready').waitFor({ timeout: 60_000 })
  await page.context().setOffline(true)
  try {
    let checks = 0
    const check = async (file: string) => {
      await page.getByTestId('proof-file').setInputFiles(file)
      await page.getByRole('button', { name: 'Verify' }).click()
      const outcome = page.locator(`[data-check="${++checks}"]`)
      await outcome.waitFor({ timeout: 60_000 })
      return outcome.evaluate((el) => ({ ok: el.getAttribute('data-testid') === 'proof-verified', error: el.getAttribute('data-error'), text: el.textContent ?? '' }))
    }
    const fromCli = await check(cliCallFile)
    expect(fromCli.ok).toBe(true)
    expect(fromCli.text).toContain(`returned ${cli.result}`)
    expect(fromCli.text).toContain(`Block ${cli.verifiedAgainst.blockNumber} ${cli.verifiedAgainst.blockHash}`)
    expect(fromCli.text).toContain('Replayed from the checkpoint you trust')
    const receipt = await check(cliReceiptFile)
    expect(receipt.ok).toBe(true)
    expect(receipt.text).toContain(`receipt of ${token.transactionHash}: status 0x1`)
    const both = await check(cliCallsFile)
    expect(both.ok).toBe(true)
    expect(both.text).toContain('2 call(s) at the one block:')
    expect(both.text).toContain(`2. call to ${token.address} with data 0x18160ddd: returned ${pad(`0x${SUPPLY.toString(16)}`, { size: 32 })}`)
    // The preview re-simulated in the page, offline: the transfer's two token rows.
    const simulated = await check(cliPreviewFile)
    expect(simulated.ok).toBe(true)
    expect(simulated.text.toLowerCase()).toContain(`preview of a transaction from ${devnet.accounts[0]} to ${token.address}, data `.toLowerCase())
    expect(simulated.text).toContain(`0x000000000000000000000000000000000000b0b0: token ${token.address.toLowerCase()} 0 -> 7 (+7 units)`)
    const forged = JSON.parse(await readFile(cliPreviewFile, 'utf8'))
    forged.claim.changes = forged.claim.changes.filter((c: { address: string }) => c.address !== '0x000000000000000000000000000000000000b0b0')
    await writeFile(join(dir, 'tampered-preview.json'), JSON.stringify(forged))
    const forgedPreview = await check(join(dir, 'tampered-preview.json'))
    expect(forgedPreview).toMatchObject({ ok: false, error: 'BundleClaimMismatchError' })
    // App -> app: the bundles Export proof wrote (Home's token balance, the Contract screen's code and read).
    expect(appContractFiles).toHaveLength(2)
    for (const file of [appCallFile, ...appContractFiles]) expect({ file, ok: (await check(file)).ok }).toEqual({ file, ok: true })

    // Tampered parts: each refused with the first check that failed, by its class.
    const original = JSON.parse(await readFile(cliCallFile, 'utf8'))
    const tokenProof = (b: any) => b.proofs.accounts.find((a: any) => a.address === token.address.toLowerCase())
    const cases: [string, (b: any) => void, string][] = [
      ['value', (b) => { b.claim.result = pad('0x01', { size: 32 }) }, 'BundleClaimMismatchError'],
      ['storage', (b) => { tokenProof(b).storageProof[0].value = '0x1' }, 'StorageValueMismatchError'],
      ['code', (b) => { const a = token.address.toLowerCase(); b.proofs.codes[a] = flipHexByte(b.proofs.codes[a], 20) }, 'CodeHashMismatchError'],
      ['signature', (b) => { b.consensus.head.data.sync_aggregate.sync_committee_signature = flipHexByte(b.consensus.head.data.sync_aggregate.sync_committee_signature, 40) }, 'InvalidSyncSignatureError'],
      ['header', (b) => { b.proofs.header.stateRoot = pad('0x99', { size: 32 }) }, 'BlockHeaderHashMismatchError'],
    ]
    for (const [part, change, errorName] of cases) {
      const bundle = structuredClone(original)
      change(bundle)
      const file = join(dir, `tampered-${part}.json`)
      await writeFile(file, JSON.stringify(bundle))
      const refused = await check(file)
      expect({ part, ok: refused.ok, error: refused.error }).toEqual({ part, ok: false, error: errorName })
      expect(refused.text).toContain(`The first check that failed: ${errorName}`)
    }
    // A genuine bundle against a checkpoint the user does not trust.
    await page.getByTestId('proof-checkpoint').fill(`0x${'44'.repeat(32)}`)
    const other = await check(cliCallFile)
    expect(other).toMatchObject({ ok: false, error: 'BundleCheckpointMismatchError' })
  } finally {
    await page.context().setOffline(false)
  }
}, 240_000)

it('right after a reload, a value at a head restored from saved state says "Export proof is available at the next verified head" (no error), and exports once a head verifies in this session (app -> CLI)', async () => {
  const { devnet, app, browser } = e2e
  // Its own origin (the gateway's path URL): a fresh saved state, the beacon API behind a proxy that can hold updates.
  const beacon = await startFaultProxy({ target: devnet.beaconUrl })
  const page = await browser.newPage()
  try {
    dumpOnFailure(page, browser, 'proof-bundles-reload')
    const query = new URLSearchParams({ network: 'devnet', beacon: beacon.url, rpc: devnet.rpcUrl, checkpoint: devnet.checkpointRoot })
    await confirmConnectLink(page, `${app.pathUrl}#/connect?${query}`)
    await watchAddress(page, devnet.accounts[0])
    const disclosure = page.getByTestId('evidence').first()
    // A head verified in this session: exportable (and the light client's state saved with it).
    await disclosure.getByTestId('export-proof').waitFor({ state: 'attached', timeout: 60_000 })

    // Reload with every light-client update held: the heads the app has are the ones it restored.
    let release!: () => void
    const released = new Promise<void>((resolve) => { release = resolve })
    beacon.setRules([{ match: /light_client\/(updates|optimistic_update|finality_update)/, fault: { kind: 'hold', until: released } }])
    await page.reload()
    await page.getByRole('heading', { name: 'Home' }).waitFor({ timeout: 30_000 })
    await page.locator('[data-verified-balance]').waitFor({ timeout: 60_000 })
    await disclosure.locator('summary').click()
    const unavailable = disclosure.getByTestId('export-unavailable')
    await expect.poll(() => unavailable.textContent(), { timeout: 30_000 }).toMatch(/^Export proof is available at the next verified head: block \d+ rests on a head restored from this browser's saved state/)
    expect(await unavailable.getAttribute('data-later')).toBe('true')
    expect(await disclosure.getByTestId('export-proof').count()).toBe(0)
    expect(await page.getByText('Export failed').count()).toBe(0)

    // Updates flow again: the next head is verified in this session, and its value exports.
    await disclosure.locator('summary').click()
    release()
    beacon.clear()
    await disclosure.getByTestId('export-proof').waitFor({ state: 'attached', timeout: 60_000 })
    await disclosure.locator('summary').click()
    const [download] = await Promise.all([page.waitForEvent('download'), disclosure.getByTestId('export-proof').click()])
    expect(download.suggestedFilename()).toMatch(/^latchkey-proof-balance-block-\d+\.json$/)
    const file = join(dir, `reload-${download.suggestedFilename()}`)
    await download.saveAs(file)
    const verified = await runCliCaptured(['verify-bundle', file, '--checkpoint', devnet.checkpointRoot, '--json'], { cwd: dir, fetch: offline })
    expect(verified.stderr).toBe('')
    expect(verified.code).toBe(0)
    const out = JSON.parse(verified.stdout)
    const anvil = createPublicClient({ transport: http(devnet.rpcUrl) })
    expect(BigInt(out.claim.wei)).toBe(await anvil.getBalance({ address: devnet.accounts[0], blockNumber: BigInt(out.block.number) }))
    // A tampered copy (the value) is refused with exit 3.
    const bundle = JSON.parse(await readFile(file, 'utf8'))
    bundle.claim.wei = (BigInt(bundle.claim.wei) + 1n).toString()
    const tampered = join(dir, 'reload-tampered.json')
    await writeFile(tampered, JSON.stringify(bundle))
    const refused = await runCliCaptured(['verify-bundle', tampered, '--checkpoint', devnet.checkpointRoot, '--json'], { cwd: dir, fetch: offline })
    expect(refused.code).toBe(3)
    expect(refused.stdout + refused.stderr).toContain('BundleClaimMismatchError')
  } finally {
    await page.close()
    await beacon.close()
  }
}, 240_000)
