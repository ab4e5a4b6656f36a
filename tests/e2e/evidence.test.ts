import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { createPublicClient, erc20Abi, getAddress, http, isAddressEqual } from 'viem'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Deployed, deployContract } from '../../scripts/contracts/deployContract.ts'
import type { Devnet } from '../../scripts/devnet/startDevnet.ts'
import type { TestBrowser } from '../helpers/browser.ts'
import { type FaultProxy, startFaultProxy, tamperJson } from '../helpers/faultProxy.ts'
import { runCliCaptured } from '../helpers/runCliCaptured.ts'
import { confirmConnectLink } from './confirmConnectLink.ts'
import { dumpOnFailure, useE2e } from './harness.ts'
import type { ServedApp } from './serveApp.ts'

const e2e = useE2e()
let devnet: Devnet
let app: ServedApp
let browser: TestBrowser
let page: Page
let liar: FaultProxy
let honest: FaultProxy
let dir: string
let token: Deployed

beforeAll(async () => {
  ;({ devnet, app, browser, page } = e2e)
  dir = await mkdtemp(join(tmpdir(), 'latchkey-evidence-'))
  // An OpenZeppelin ERC-20 whose whole supply is the watched account's (dev account 0 deploys it).
  token = await deployContract({ rpcUrl: devnet.rpcUrl, file: 'TestTokens.sol', contract: 'TestToken', args: ['Evidence', 'EVD', 6, 10n ** 12n] })
  // Two RPCs: the first lies about every balance (its proofs then fail), the second is honest.
  liar = await startFaultProxy({ target: devnet.rpcUrl })
  honest = await startFaultProxy({ target: devnet.rpcUrl })
  liar.setRules([{ match: ({ requestBody }) => requestBody.includes('eth_getProof'), fault: { kind: 'tamper', transform: tamperJson((json) => {
    for (const answer of Array.isArray(json) ? json : [json]) if (answer.result?.balance) answer.result.balance = '0x1'
  }) } }])
})

afterAll(async () => {
  await liar?.close()
  await honest?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

it('"What was checked" on the ETH balance shows the light client\'s state root for that block and the RPC that answered (the liar named with its proof); Export proof verifies in the CLI offline', async () => {
  dumpOnFailure(page, browser, 'evidence')
  const query = new URLSearchParams({ network: 'devnet', beacon: devnet.beaconUrl, checkpoint: devnet.checkpointRoot })
  query.append('rpc', liar.url)
  query.append('rpc', honest.url)
  await confirmConnectLink(page, `${app.subdomainUrl}#/connect?${query}`)
  await page.getByRole('link', { name: 'Watch an address' }).click()
  await page.getByLabel('Address to watch (0x…)').fill(devnet.accounts[0])
  await page.getByRole('button', { name: 'Import' }).click()
  await page.getByRole('heading', { name: 'Home' }).waitFor({ timeout: 30_000 })
  await page.locator('[data-verified-balance]').waitFor({ timeout: 60_000 })

  // Opened, the disclosure keeps the value it was opened on: read everything from one element at once.
  const disclosure = page.getByTestId('evidence').first()
  await disclosure.locator('summary').click()
  await disclosure.getByRole('button', { name: 'Show hex' }).click()
  const shown = await disclosure.evaluate((el) => {
    const text = (id: string) => el.querySelector(`[data-testid="${id}"]`)?.textContent?.trim()
    return {
      block: text('evidence-block'), blockHash: text('evidence-block-hash'), stateRoot: text('evidence-state-root'), slot: text('evidence-slot'),
      provider: text('evidence-provider'), signers: text('evidence-signers'), proof: text('evidence-proof'),
      rejected: [...el.querySelectorAll('[data-testid="evidence-rejected"]')].map((r) => ({ url: r.getAttribute('data-url'), text: r.textContent })),
    }
  })
  // The provider named is the one that answered; the liar is named with the class of its proven lie.
  expect(shown.provider).toContain(honest.url)
  expect(shown.provider).not.toContain(liar.url)
  expect(shown.rejected).toEqual([expect.objectContaining({ url: liar.url, text: expect.stringContaining('AccountProofMismatchError') })])
  expect(liar.log.some((r) => r.fault === 'tamper')).toBe(true)
  expect(shown.proof).toMatch(/Merkle proof of \d+ trie nodes against the state root of block \d+/)
  expect(shown.signers).toMatch(/signed .* at slot \d+: 512 of 512/)
  // The same block at anvil: hash and state root.
  const anvil = createPublicClient({ transport: http(devnet.rpcUrl) })
  const block = await anvil.getBlock({ blockNumber: BigInt(shown.block!) })
  expect(shown.blockHash).toBe(block.hash)
  expect(shown.stateRoot).toBe(block.stateRoot)

  // The value keeps refreshing with each head; the open disclosure stays on the block it showed and says so.
  await disclosure.getByTestId('evidence-newer').waitFor({ timeout: 30_000 })
  await expect(disclosure.getByTestId('evidence-block-hash').textContent()).resolves.toBe(shown.blockHash)

  // Export proof: the bundle carries the light client's own signed header for that head; the CLI
  // re-checks it offline from the devnet's checkpoint, and its state root is the one shown.
  const [download] = await Promise.all([page.waitForEvent('download'), disclosure.getByTestId('export-proof').click()])
  const file = join(dir, download.suggestedFilename())
  await download.saveAs(file)
  expect(download.suggestedFilename()).toBe(`latchkey-proof-balance-block-${shown.block}.json`)
  const bundle = JSON.parse(await readFile(file, 'utf8'))
  const attested = bundle.consensus.head.data.attested_header
  expect(attested.beacon.slot).toBe(shown.slot)
  if (bundle.ancestors.length === 0) expect(attested.execution.state_root).toBe(shown.stateRoot)
  const offline = (() => { throw new Error('verify-bundle used the network') }) as unknown as typeof fetch
  const verified = await runCliCaptured(['verify-bundle', file, '--checkpoint', devnet.checkpointRoot, '--json'], { cwd: dir, fetch: offline })
  expect(verified.stderr).toBe('')
  expect(verified.code).toBe(0)
  const out = JSON.parse(verified.stdout)
  expect(out.block).toMatchObject({ number: shown.block, hash: shown.blockHash, stateRoot: shown.stateRoot })
  expect(out.head.slot).toBe(Number(shown.slot))
  expect(out.claim).toMatchObject({ kind: 'balance', address: devnet.accounts[0], wei: (await anvil.getBalance({ address: devnet.accounts[0], blockNumber: block.number })).toString() })
}, 180_000)

it('"What was checked" on a token balance (a verified eth_call) shows the state root of its block as anvil has it, the RPC that answered, and the proofs the local EVM ran on', async () => {
  dumpOnFailure(page, browser, 'evidence-token')
  expect(isAddressEqual(token.deployer, devnet.accounts[0])).toBe(true)
  await page.getByLabel('Token contract address').fill(token.address)
  await page.getByRole('button', { name: 'Add token' }).click()
  const row = page.locator(`[data-testid="token"][data-address="${getAddress(token.address)}"]`)
  await row.getByTestId('evidence').waitFor({ timeout: 60_000 })

  const disclosure = row.getByTestId('evidence')
  await disclosure.locator('summary').click()
  await disclosure.getByRole('button', { name: 'Show hex' }).click()
  const shown = await disclosure.evaluate((el) => {
    const text = (id: string) => el.querySelector(`[data-testid="${id}"]`)?.textContent?.trim()
    return {
      block: text('evidence-block'), blockHash: text('evidence-block-hash'), stateRoot: text('evidence-state-root'), account: text('evidence-account'),
      storageRoot: text('evidence-storage-root'), provider: text('evidence-provider'), signers: text('evidence-signers'), proof: text('evidence-proof'),
      rejected: [...el.querySelectorAll('[data-testid="evidence-rejected"]')].map((r) => r.getAttribute('data-url')),
      exportable: el.querySelector('[data-testid="export-proof"]') !== null,
    }
  })
  const anvil = createPublicClient({ transport: http(devnet.rpcUrl) })
  const block = await anvil.getBlock({ blockNumber: BigInt(shown.block!) })
  expect(shown.blockHash).toBe(block.hash)
  expect(shown.stateRoot).toBe(block.stateRoot)
  // The honest RPC served the proofs; the liar (its account proofs fail) is never the one named as answering.
  expect(shown.provider).toContain(honest.url)
  expect(shown.provider).not.toContain(liar.url)
  expect(shown.rejected).toContain(liar.url)
  expect(shown.proof).toMatch(/This EVD balance was computed by running the call in Latchkey's own EVM over state proven against the state root of block \d+, .*: \d+ accounts? \(\d+ trie nodes\) and [1-9]\d* storage slots? \(\d+ trie nodes\)/)
  expect(shown.signers).toMatch(/at slot \d+: 512 of 512|finalized|checkpoint/)
  // The hex rows name the token contract and its storage root at that block, as anvil proves it.
  expect(shown.account?.toLowerCase()).toBe(token.address.toLowerCase())
  const proof = await anvil.getProof({ address: token.address, storageKeys: [], blockNumber: block.number })
  expect(shown.storageRoot).toBe(proof.storageHash)
  // A call's result is a bundle claim (version 2): Export proof is offered (tests/e2e/proofBundles.test.ts re-checks it).
  expect(shown.exportable).toBe(true)
  // And the value under it is the token balance at that block.
  const balance = await anvil.readContract({ address: token.address, abi: erc20Abi, functionName: 'balanceOf', args: [devnet.accounts[0]], blockNumber: block.number })
  expect(balance).toBe(10n ** 12n)
}, 180_000)
