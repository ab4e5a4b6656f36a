import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Locator, type Page } from 'playwright-core'
import { createPublicClient, createWalletClient, defineChain, erc20Abi, getAddress, http, isAddressEqual, numberToHex, pad, parseEther } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Deployed, deployContract } from '../../scripts/contracts/deployContract.ts'
import type { Devnet } from '../../scripts/devnet/startDevnet.ts'
import { type TestBrowser, launchBrowser } from '../helpers/browser.ts'
import { type FaultProxy, startFaultProxy, tamperJson } from '../helpers/faultProxy.ts'
import { runCliCaptured } from '../helpers/runCliCaptured.ts'
import { confirmConnectLink } from './confirmConnectLink.ts'
import { addToken, dumpOnFailure, useE2e, watchAddress } from './harness.ts'
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
  await watchAddress(page, devnet.accounts[0])
  await page.locator('[data-verified-balance]').waitFor({ timeout: 60_000 })

  // Opened, the disclosure keeps the value it was opened on: read everything from one element at once.
  const disclosure = page.getByTestId('evidence').first()
  await disclosure.locator('summary').click()
  await disclosure.getByRole('button', { name: 'Show hex' }).click()
  // The hex rows may come a moment after the click (under load): wait for them, then read them at once.
  await disclosure.getByTestId('evidence-block').waitFor({ timeout: 60_000 })
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
  await addToken(page)
  const row = page.locator(`[data-testid="token"][data-address="${getAddress(token.address)}"]`)
  await row.getByTestId('evidence').waitFor({ timeout: 60_000 })

  const disclosure = row.getByTestId('evidence')
  await disclosure.locator('summary').click()
  await disclosure.getByRole('button', { name: 'Show hex' }).click()
  // The hex rows may come a moment after the click (under load): wait for them, then read them at once.
  await disclosure.getByTestId('evidence-block').waitFor({ timeout: 60_000 })
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

/** Everything one open disclosure shows (opened, hex shown), read from the element at once: it keeps the evidence it was opened on. */
async function readDisclosure(disclosure: Locator) {
  await disclosure.locator('summary').click()
  await disclosure.getByRole('button', { name: 'Show hex' }).click()
  // The hex rows may come a moment after the click (under load): wait for them, then read them at once.
  await disclosure.getByTestId('evidence-block').waitFor({ timeout: 60_000 })
  return disclosure.evaluate((el) => {
    const text = (id: string) => el.querySelector(`[data-testid="${id}"]`)?.textContent?.trim()
    return {
      block: text('evidence-block'), blockHash: text('evidence-block-hash'), stateRoot: text('evidence-state-root'), receiptsRoot: text('evidence-receipts-root'),
      account: text('evidence-account'), storageRoot: text('evidence-storage-root'), codeHash: text('evidence-code-hash'), slot: text('evidence-slot'),
      rangeFrom: text('evidence-range-from'), rangeTo: text('evidence-range-to'), transactionHash: text('evidence-transaction-hash'),
      provider: text('evidence-provider'), signers: text('evidence-signers'), proof: text('evidence-proof'), rangeReceipts: text('evidence-range-receipts'),
      rejected: [...el.querySelectorAll('[data-testid="evidence-rejected"]')].map((r) => ({ url: r.getAttribute('data-url'), text: r.textContent ?? '' })),
    }
  })
}
type Shown = Awaited<ReturnType<typeof readDisclosure>>

/**
 * The block shown is the chain's block (hash and both roots as anvil has them at that number), its
 * head was signed by the committee, and the provider named is the honest one: the liar, whose every
 * account proof fails, is only ever named as refused.
 */
async function expectVerifiedBlock(shown: Shown) {
  const anvil = createPublicClient({ transport: http(devnet.rpcUrl) })
  const block = await anvil.getBlock({ blockNumber: BigInt(shown.block!) })
  expect(shown.blockHash).toBe(block.hash)
  expect(shown.stateRoot).toBe(block.stateRoot)
  expect(shown.receiptsRoot).toBe(block.receiptsRoot)
  expect(shown.signers).toMatch(/at slot \d+: 512 of 512|finalized|checkpoint/)
  expect(shown.provider).toContain(honest.url)
  expect(shown.provider).not.toContain(liar.url)
  return block
}

const goTo = (hash: string) => page.evaluate((h) => (location.hash = h), hash)

it('"What was checked" on the Contract screen: the code check and a read (verified eth_call) show their block as anvil has it, the contract\'s code hash and storage root, and the RPC that answered', async () => {
  dumpOnFailure(page, browser, 'evidence-contract')
  await goTo(`#/contract?address=${token.address}`)
  await page.getByRole('heading', { name: 'Contract', level: 1 }).waitFor()
  await page.getByLabel('Contract address').fill(token.address)
  await page.getByLabel('ABI').fill('function balanceOf(address owner) view returns (uint256)')
  await page.getByRole('button', { name: 'Load contract' }).click()
  await expect.poll(() => page.getByTestId('contract-code').textContent(), { timeout: 60_000 }).toMatch(/contract code verified at block \d+/)

  const anvil = createPublicClient({ transport: http(devnet.rpcUrl) })
  const code = await readDisclosure(page.getByRole('region', { name: 'Contract functions' }).getByTestId('evidence').first())
  const codeBlock = await expectVerifiedBlock(code)
  expect(code.proof).toMatch(/^The code at this address was proven by a Merkle proof of \d+ trie nodes against the state root of block \d+, .* and the [1-9]\d* bytes of code served hash to the proven code hash\.$/)
  const codeProof = await anvil.getProof({ address: token.address, storageKeys: [], blockNumber: codeBlock.number })
  expect(code.account?.toLowerCase()).toBe(token.address.toLowerCase())
  expect(code.codeHash).toBe(codeProof.codeHash)

  const form = page.getByRole('form', { name: 'balanceOf(address)' })
  await form.getByLabel('owner (address)').fill(devnet.accounts[0])
  await form.getByRole('button', { name: 'Read' }).click()
  await expect.poll(() => form.getByTestId('read-value').textContent(), { timeout: 60_000 }).toBe(String(10n ** 12n))
  const read = await readDisclosure(form.getByTestId('evidence'))
  const readBlock = await expectVerifiedBlock(read)
  expect(read.proof).toMatch(/^The result of balanceOf\(address\) was computed by running the call in Latchkey's own EVM over state proven against the state root of block \d+/)
  expect(read.rejected.map((r) => r.url)).toContain(liar.url)
  const readProof = await anvil.getProof({ address: token.address, storageKeys: [], blockNumber: readBlock.number })
  expect(read.account?.toLowerCase()).toBe(token.address.toLowerCase())
  expect(read.storageRoot).toBe(readProof.storageHash)
}, 180_000)

it('"What was checked" on an approval\'s current allowance and its grant (the granting receipt against its block\'s receipts root), and on the Activity screen\'s history range ("complete from block A to B"): roots of the head the headers link to, the work done, the RPC that answered', async () => {
  dumpOnFailure(page, browser, 'evidence-approvals')
  // The watched dev account (anvil unlocks it) grants an allowance.
  const spender = privateKeyToAccount(generatePrivateKey()).address
  const chain = defineChain({ id: devnet.chainId, name: 'devnet', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [devnet.rpcUrl] } } })
  const anvil = createPublicClient({ chain, transport: http(devnet.rpcUrl) })
  const hash = await createWalletClient({ chain, transport: http(devnet.rpcUrl) }).writeContract({ account: devnet.accounts[0], address: token.address, abi: erc20Abi, functionName: 'approve', args: [spender, 1234n] })
  const granted = await anvil.waitForTransactionReceipt({ hash, pollingInterval: 100 })
  // Searched once the verified head has passed the grant (Home's balance names the head's block).
  await goTo('#/home')
  await expect.poll(async () => Number(await page.locator('[data-verified-balance]').getAttribute('data-block')), { timeout: 60_000 }).toBeGreaterThan(Number(granted.blockNumber))
  await goTo('#/approvals')
  await page.getByRole('heading', { name: 'Approvals', level: 1 }).waitFor()
  const row = page.locator(`[data-testid="approval"][data-spender="${spender.toLowerCase()}"]`)
  await expect.poll(() => row.getByTestId('approval-current').textContent().catch(() => ''), { timeout: 90_000 }).toMatch(/0\.001234/)
  const allowance = await readDisclosure(row.getByTestId('evidence').filter({ hasText: 'This allowance' }))
  const block = await expectVerifiedBlock(allowance)
  expect(allowance.proof).toMatch(/^This allowance was computed by running the call in Latchkey's own EVM over state proven against the state root of block \d+/)
  expect(await anvil.readContract({ address: token.address, abi: erc20Abi, functionName: 'allowance', args: [devnet.accounts[0], spender], blockNumber: block.number })).toBe(1234n)
  // Its Export proof is a call bundle: the CLI re-runs allowance() offline over the proven state.
  const [allowanceDownload] = await Promise.all([page.waitForEvent('download'), row.getByTestId('evidence').filter({ hasText: 'This allowance' }).getByTestId('export-proof').click()])
  const allowanceFile = join(dir, allowanceDownload.suggestedFilename())
  await allowanceDownload.saveAs(allowanceFile)
  const offline = (() => { throw new Error('verify-bundle used the network') }) as unknown as typeof fetch
  const reran = await runCliCaptured(['verify-bundle', allowanceFile, '--checkpoint', devnet.checkpointRoot, '--json'], { cwd: dir, fetch: offline })
  expect(reran.code, reran.stderr).toBe(0)
  expect(JSON.parse(reran.stdout)).toMatchObject({
    block: { number: allowance.block, hash: allowance.blockHash, stateRoot: allowance.stateRoot },
    claim: { kind: 'call', call: { to: getAddress(token.address) }, result: pad(numberToHex(1234n), { size: 32 }) },
  })
  // "Granted in block N": the granting transaction's receipt, all of block N's receipts against its receipts root.
  await expect(row.getByTestId('approval-granted').textContent()).resolves.toMatch(new RegExp(`^Granted in block ${granted.blockNumber} `))
  const grantDisclosure = row.getByTestId('evidence').filter({ hasText: 'This grant' })
  await grantDisclosure.waitFor({ timeout: 90_000 })
  const grant = await readDisclosure(grantDisclosure)
  const grantBlock = await expectVerifiedBlock(grant)
  expect(grantBlock.number).toBe(granted.blockNumber)
  expect(grant.transactionHash).toBe(hash)
  expect(grant.proof).toMatch(new RegExp(`^This grant \\(its transaction's receipt, which holds the approval log\\) was proven by fetching all ${grantBlock.transactions.length} receipts? of block ${granted.blockNumber} and rebuilding their trie: its root is the block's receipts root\\.`))

  await goTo('#/activity')
  const complete = page.getByTestId('history-complete')
  await expect.poll(() => complete.getAttribute('data-to-block'), { timeout: 120_000 }).toMatch(/^\d+$/)
  const history = page.getByRole('region', { name: 'Verified history' }).getByTestId('evidence')
  await history.waitFor({ timeout: 120_000 })
  const range = await readDisclosure(history)
  // The range ends at the verified head its headers link to: that block's roots, as anvil has them.
  expect(range.rangeTo).toBe(range.block)
  expect(Number(range.rangeFrom)).toBeLessThanOrEqual(Number(granted.blockNumber))
  await expectVerifiedBlock(range)
  expect(range.proof).toMatch(new RegExp(`^This history: every block from ${range.rangeFrom} to ${range.rangeTo} is accounted for\\. Each header is linked by parent hashes to block ${range.block} `))
  // The token's mint and the approval's block both hold logs of this account: read whole, against their receipts roots.
  expect(range.rangeReceipts).toMatch(/^[1-9]\d* blocks? whose logs bloom could hold a transfer of this account were read whole, all receipts checked against each block's receipts root/)
  // No bundle kind carries a range (thousands of headers and receipts): the disclosure says so plainly.
  expect(await history.getByTestId('export-proof').count()).toBe(0)
  await expect(history.getByTestId('export-unavailable').textContent()).resolves.toMatch(/^Export proof is not available for a history range: it rests on every header and every matching receipt of the range/)
}, 300_000)

it('"What was checked" on a send: the review\'s nonce (Export proof verifies offline) and preview, then the receipt in the Send flow and on Activity (the same evidence) with the receipts root of its block and the RPC that answered', async () => {
  // A second browser with its own vault: a funded key, the same two RPCs (the liar fails every account proof).
  const sender = await launchBrowser()
  const tab = await sender.newPage()
  dumpOnFailure(tab, sender, 'evidence-send')
  try {
    const chain = defineChain({ id: devnet.chainId, name: 'devnet', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [devnet.rpcUrl] } } })
    const anvil = createPublicClient({ chain, transport: http(devnet.rpcUrl) })
    const privateKey = generatePrivateKey()
    const from = privateKeyToAccount(privateKey).address
    await anvil.waitForTransactionReceipt({ hash: await createWalletClient({ chain, transport: http(devnet.rpcUrl) }).sendTransaction({ account: devnet.accounts[0], to: from, value: parseEther('1') }), pollingInterval: 100 })
    const query = new URLSearchParams({ network: 'devnet', beacon: devnet.beaconUrl, checkpoint: devnet.checkpointRoot })
    query.append('rpc', liar.url)
    query.append('rpc', honest.url)
    await confirmConnectLink(tab, `${app.subdomainUrl}#/connect?${query}`)
    await tab.getByRole('link', { name: 'Import a private key' }).click()
    await tab.getByLabel('Private key (64 hex digits)').fill(privateKey)
    await tab.getByLabel("Password for this browser's vault").fill('correct horse battery')
    await tab.getByLabel('Repeat the password').fill('correct horse battery')
    await tab.getByRole('button', { name: 'Import' }).click()
    await tab.getByRole('group', { name: 'ETH balance' }).getByTestId('balance-value').filter({ hasText: /^1 ETH$/ }).waitFor({ timeout: 90_000 })

    await tab.getByRole('link', { name: 'Send', exact: true }).first().click()
    await tab.getByLabel('Recipient address').fill(devnet.accounts[1])
    await tab.getByLabel('Amount (ETH)').fill('0.1')
    await tab.getByRole('button', { name: 'Review' }).click()
    const review = tab.getByRole('region', { name: 'Review', exact: true })
    await review.waitFor({ timeout: 60_000 })
    const nonceDisclosure = review.getByRole('definition').filter({ has: tab.getByTestId('evidence') }).getByTestId('evidence').first()
    await nonceDisclosure.waitFor({ timeout: 60_000 })
    const nonce = await readDisclosure(nonceDisclosure)
    const nonceBlock = await expectVerifiedBlock(nonce)
    expect(nonce.proof).toMatch(/^The account's confirmed nonce \(0\) was proven by a Merkle proof of \d+ trie nodes against the state root of block \d+/)
    expect(nonce.account?.toLowerCase()).toBe(from.toLowerCase())
    expect(nonce.rejected.map((r) => r.url)).toContain(liar.url)
    // Its Export proof re-checks offline in the CLI: the nonce at that block.
    const [download] = await Promise.all([tab.waitForEvent('download'), nonceDisclosure.getByTestId('export-proof').click()])
    const file = join(dir, download.suggestedFilename())
    await download.saveAs(file)
    const offline = (() => { throw new Error('verify-bundle used the network') }) as unknown as typeof fetch
    const verified = await runCliCaptured(['verify-bundle', file, '--checkpoint', devnet.checkpointRoot, '--json'], { cwd: dir, fetch: offline })
    expect(verified.code).toBe(0)
    expect(JSON.parse(verified.stdout)).toMatchObject({ block: { number: nonce.block, hash: nonceBlock.hash, stateRoot: nonceBlock.stateRoot }, claim: { kind: 'nonce', nonce: '0' } })

    const preview = tab.locator('[data-testid="balance-preview"][data-preview-status="ready"]')
    await preview.getByTestId('evidence').waitFor({ timeout: 60_000 })
    const simulated = await readDisclosure(preview.getByTestId('evidence'))
    await expectVerifiedBlock(simulated)
    expect(simulated.proof).toMatch(/^This preview was computed by running the call in Latchkey's own EVM over state proven against the state root of block \d+, .*: [1-9]\d* accounts?/)
    // Its Export proof is a preview bundle: the CLI re-runs the same simulation offline over the
    // bundle's proofs and finds the very rows the review shows (-0.1 ETH for the sender, +0.1 for the recipient).
    const shownDeltas = await preview.getByTestId('preview-change').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-delta')))
    const [previewDownload] = await Promise.all([tab.waitForEvent('download'), preview.getByTestId('evidence').getByTestId('export-proof').click()])
    expect(previewDownload.suggestedFilename()).toMatch(/^latchkey-proof-preview-block-\d+\.json$/)
    const previewFile = join(dir, previewDownload.suggestedFilename())
    await previewDownload.saveAs(previewFile)
    const reSimulated = await runCliCaptured(['verify-bundle', previewFile, '--checkpoint', devnet.checkpointRoot, '--json'], { cwd: dir, fetch: offline })
    expect(reSimulated.stderr).toBe('')
    expect(reSimulated.code).toBe(0)
    const previewOut = JSON.parse(reSimulated.stdout)
    expect(previewOut.block.number).toBe(simulated.block)
    expect(previewOut.claim).toMatchObject({ kind: 'preview', transaction: { value: numberToHex(parseEther('0.1')) }, reverted: false })
    expect(isAddressEqual(previewOut.claim.transaction.from, from) && isAddressEqual(previewOut.claim.transaction.to, devnet.accounts[1])).toBe(true)
    const change = (address: string) => previewOut.claim.changes.find((c: { address: string }) => isAddressEqual(c.address as `0x${string}`, address as `0x${string}`))
    expect(BigInt(change(from).after) - BigInt(change(from).before)).toBe(-parseEther('0.1'))
    expect(BigInt(change(devnet.accounts[1]).after) - BigInt(change(devnet.accounts[1]).before)).toBe(parseEther('0.1'))
    expect(previewOut.claim.changes.map((c: { before: string; after: string }) => String(BigInt(c.after) - BigInt(c.before))).sort()).toEqual([...shownDeltas].sort())
    // A tampered row (the recipient gets more) is refused with exit 3.
    const forgedPreview = JSON.parse(await readFile(previewFile, 'utf8'))
    const forgedRow = forgedPreview.claim.changes.find((c: { address: string }) => isAddressEqual(c.address as `0x${string}`, devnet.accounts[1]))
    forgedRow.after = String(BigInt(forgedRow.after) + parseEther('1'))
    await writeFile(join(dir, 'preview-tampered.json'), JSON.stringify(forgedPreview))
    const previewRefused = await runCliCaptured(['verify-bundle', join(dir, 'preview-tampered.json'), '--checkpoint', devnet.checkpointRoot], { cwd: dir, fetch: offline })
    expect(previewRefused.code).toBe(3)
    expect(previewRefused.stderr).toMatch(/BundleClaimMismatchError: .*preview balance changes/)

    await review.getByRole('button', { name: 'Sign and send' }).click()
    await tab.getByTestId('receipt-status').waitFor({ timeout: 60_000 })
    // The Send flow itself opens the receipt's evidence (the one Activity reads for the record).
    const sentDisclosure = tab.getByTestId('evidence').filter({ hasText: "This transaction's receipt" })
    await sentDisclosure.waitFor({ timeout: 90_000 })
    const sent = await readDisclosure(sentDisclosure)
    const sentBlock = await expectVerifiedBlock(sent)
    const sentReceipt = await anvil.getTransactionReceipt({ hash: sent.transactionHash as `0x${string}` })
    expect(sentReceipt.from.toLowerCase()).toBe(from.toLowerCase())
    expect(sentReceipt.blockHash).toBe(sentBlock.hash)
    expect(sent.proof).toMatch(new RegExp(`^This transaction's receipt \\(its status: succeeded\\) was proven by fetching all \\d+ receipts? of block ${sentBlock.number} and rebuilding their trie`))
    await expect(tab.getByTestId('receipt-status').textContent()).resolves.toBe(`Confirmed: receipt verified in block ${sentBlock.number}`)
    await tab.getByRole('link', { name: 'Activity' }).first().click()
    const item = tab.getByTestId('activity-item').filter({ hasText: /Confirmed \(receipt verified\)/ })
    await item.getByTestId('evidence').waitFor({ timeout: 90_000 })
    const receipt = await readDisclosure(item.getByTestId('evidence'))
    const block = await expectVerifiedBlock(receipt)
    const mined = await anvil.getTransactionReceipt({ hash: receipt.transactionHash as `0x${string}` })
    expect(mined.from.toLowerCase()).toBe(from.toLowerCase())
    expect(mined.blockHash).toBe(block.hash)
    const count = (await anvil.getBlock({ blockHash: block.hash, includeTransactions: false })).transactions.length
    expect(receipt.proof).toMatch(new RegExp(`^This transaction's receipt \\(its status: succeeded\\) was proven by fetching all ${count} receipts? of block ${block.number} and rebuilding their trie: its root is the block's receipts root\\. Block ${block.number} is .+ ago\\.$`))
    expect(receipt.transactionHash).toBe(mined.transactionHash)
    // Its Export proof: the block's receipts against its receipts root, re-checked offline in the CLI, at the receipt's index.
    const [receiptDownload] = await Promise.all([tab.waitForEvent('download'), item.getByTestId('evidence').getByTestId('export-proof').click()])
    const receiptFile = join(dir, receiptDownload.suggestedFilename())
    await receiptDownload.saveAs(receiptFile)
    const receiptVerified = await runCliCaptured(['verify-bundle', receiptFile, '--checkpoint', devnet.checkpointRoot, '--json'], { cwd: dir, fetch: offline })
    expect(receiptVerified.stderr).toBe('')
    expect(receiptVerified.code).toBe(0)
    expect(JSON.parse(receiptVerified.stdout)).toMatchObject({
      block: { hash: block.hash, receiptsRoot: block.receiptsRoot },
      claim: { kind: 'receipt', transactionHash: mined.transactionHash, status: '0x1', transactionIndex: `0x${mined.transactionIndex.toString(16)}` },
    })
    // The same receipt, the same evidence as the Send flow showed.
    expect(receipt.transactionHash).toBe(sent.transactionHash)
    expect(receipt.blockHash).toBe(sent.blockHash)
  } finally {
    await sender.close()
  }
}, 400_000)
