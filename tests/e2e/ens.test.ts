import { mkdtempSync } from 'node:fs'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPublicClient, decodeAbiParameters, getAddress, http, parseEther, toHex } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { afterAll, expect, it } from 'vitest'
import { postDevnetPrice } from '../../scripts/devnet/devnetContracts.ts'
import { createJsonRpc } from '../../scripts/devnet/jsonRpc.ts'
import { registerOffchainName, startTestGateway } from '../lib/ens/ensDevnet.ts'
import { runCliCaptured } from '../helpers/runCliCaptured.ts'
import { confirmConnectLink } from './confirmConnectLink.ts'
import { connectLink, devnetChain, dumpOnFailure, shot, useE2e } from './harness.ts'

// The devnet with its ENS (dev.eth -> the first dev account) and its ETH/USD feed.
const e2e = useE2e({ devnets: [{ ens: true, priceFeed: true }] })
const password = 'correct horse battery'
const dir = mkdtempSync(join(tmpdir(), 'latchkey-ens-bundles-'))
afterAll(() => rm(dir, { recursive: true, force: true }))
/** verify-bundle may not touch the network at all: any fetch fails the test. */
const offline = (() => { throw new Error('verify-bundle used the network') }) as unknown as typeof fetch

it('sends to dev.eth: the review shows the name, the resolved address and that it was verified; prices and primary names beside, each opening its evidence', async () => {
  const { devnet, app, browser, page } = e2e
  dumpOnFailure(page, browser, 'ens')
  const anvil = createPublicClient({ chain: devnetChain(devnet), transport: http(devnet.rpcUrl) })
  const sender = mnemonicToAccount(devnet.mnemonic, { addressIndex: 1 })
  const devEth = devnet.accounts[0]!

  // The link proposes the devnet's contracts; the review lists them before anything is added.
  await page.goto(connectLink(app, devnet))
  await expect(page.getByTestId('review-ens').textContent({ timeout: 30_000 })).resolves.toBe(devnet.contracts!.ens!.universalResolver)
  await confirmConnectLink(page, connectLink(app, devnet))
  await page.getByRole('link', { name: 'Import a private key' }).click()
  await page.getByLabel('Private key (64 hex digits)').fill(toHex(sender.getHdKey().privateKey!))
  await page.getByLabel("Password for this browser's vault").fill(password)
  await page.getByLabel('Repeat the password').fill(password)
  await page.getByRole('button', { name: 'Import' }).click()
  await page.getByRole('heading', { name: 'Home' }).waitFor({ timeout: 30_000 })

  // Home: the verified balance and its USD value from the devnet's Chainlink-style feed, with the block.
  const eth = page.getByRole('group', { name: 'ETH balance' })
  await eth.getByTestId('balance-value').filter({ hasText: /^10,000 ETH$/ }).waitFor({ timeout: 45_000 })
  await expect.poll(() => page.getByTestId('usd-value').textContent(), { timeout: 30_000 }).toMatch(/^≈ \$30,000,000\.00, Chainlink at block \d+, \d+ s ago$/)
  await shot(page, 'home-usd')
  // Its "What was checked": the feed's calls run locally over state proven at a block whose hash and
  // state root are anvil's, answered by the one RPC the link set.
  const priceEvidence = page.getByTestId('usd-value').locator('xpath=following-sibling::details[1]')
  await priceEvidence.locator('summary').click()
  await priceEvidence.getByRole('button', { name: 'Show hex' }).click()
  await priceEvidence.getByTestId('evidence-block').waitFor({ timeout: 60_000 })
  const shownPrice = await priceEvidence.evaluate((el) => Object.fromEntries(['evidence-block', 'evidence-block-hash', 'evidence-state-root', 'evidence-account', 'evidence-provider', 'evidence-proof']
    .map((id) => [id, el.querySelector(`[data-testid="${id}"]`)?.textContent?.trim()])))
  const priceBlock = await anvil.getBlock({ blockNumber: BigInt(shownPrice['evidence-block']!) })
  expect(shownPrice['evidence-block-hash']).toBe(priceBlock.hash)
  expect(shownPrice['evidence-state-root']).toBe(priceBlock.stateRoot)
  expect(shownPrice['evidence-account']?.toLowerCase()).toBe(devnet.contracts!.priceFeeds!.ethUsd.address.toLowerCase())
  expect(shownPrice['evidence-provider']).toContain(devnet.rpcUrl.replace(/\/$/, ''))
  expect(shownPrice['evidence-proof']).toMatch(/^This USD price \(.+\) was computed by running the call in Latchkey's own EVM over state proven against the state root of block \d+/)
  // Export proof: the feed's two calls (decimals, latestRoundData) at that block as one calls bundle,
  // re-run offline by the CLI, which decodes them to the price the app computed ($3,000 per ETH).
  const [priceDownload] = await Promise.all([page.waitForEvent('download'), priceEvidence.getByTestId('export-proof').click()])
  expect(priceDownload.suggestedFilename()).toMatch(/^latchkey-proof-calls-block-\d+\.json$/)
  const priceFile = join(dir, `price-${priceDownload.suggestedFilename()}`)
  await priceDownload.saveAs(priceFile)
  const priceVerified = await runCliCaptured(['verify-bundle', priceFile, '--checkpoint', devnet.checkpointRoot, '--json'], { cwd: dir, fetch: offline })
  expect(priceVerified.stderr).toBe('')
  expect(priceVerified.code).toBe(0)
  const priceOut = JSON.parse(priceVerified.stdout)
  expect(priceOut.block).toMatchObject({ number: shownPrice['evidence-block'], hash: priceBlock.hash, stateRoot: priceBlock.stateRoot })
  expect(priceOut.claim.calls.map((c: { call: { to: string } }) => getAddress(c.call.to))).toEqual([getAddress(devnet.contracts!.priceFeeds!.ethUsd.address), getAddress(devnet.contracts!.priceFeeds!.ethUsd.address)])
  expect(priceOut.price).toMatchObject({ feed: getAddress(devnet.contracts!.priceFeeds!.ethUsd.address), decimals: 8, usd: '$3,000.00' })
  const priceTold = await runCliCaptured(['verify-bundle', priceFile, '--checkpoint', devnet.checkpointRoot], { cwd: dir, fetch: offline })
  expect(priceTold.stdout).toContain(`USD price from the Chainlink feed ${getAddress(devnet.contracts!.priceFeeds!.ethUsd.address)}: $3,000.00 per unit`)
  // A tampered answer (the second call's result) is refused with exit 3, naming that call.
  const forgedPrice = JSON.parse(await readFile(priceFile, 'utf8'))
  const round = forgedPrice.claim.calls.find((c: { call: { data: string } }) => c.call.data === '0xfeaf968c')
  round.result = round.result.replace((3000n * 10n ** 8n).toString(16), (6000n * 10n ** 8n).toString(16))
  await writeFile(join(dir, 'price-tampered.json'), JSON.stringify(forgedPrice))
  const priceRefused = await runCliCaptured(['verify-bundle', join(dir, 'price-tampered.json'), '--checkpoint', devnet.checkpointRoot], { cwd: dir, fetch: offline })
  expect(priceRefused.code).toBe(3)
  expect(priceRefused.stderr).toMatch(/BundleClaimMismatchError: .*call \d of 2 \(data 0xfeaf968c\) result/)
  await priceEvidence.locator('summary').click()

  // Send 1 ETH to dev.eth.
  await page.getByRole('link', { name: 'Send', exact: true }).first().click()
  await page.getByLabel('Recipient address or ENS name').fill('Dev.eth')
  await page.getByLabel('Amount (ETH)').fill('1')
  await page.getByRole('button', { name: 'Review' }).click()
  await page.getByRole('heading', { name: 'Review' }).waitFor({ timeout: 30_000 })
  await expect(page.getByTestId('review-to-name').textContent()).resolves.toBe('dev.eth')
  await expect(page.getByTestId('review-to').textContent()).resolves.toBe(devEth)
  const resolution = page.getByTestId('ens-resolution')
  await expect(resolution.getAttribute('data-verified')).resolves.toBe('true')
  await expect(resolution.textContent()).resolves.toMatch(/ENS verified\s+dev\.eth resolves to this address at verified block \d+, \d+ s ago/)
  await shot(page, 'send-ens-review')
  // The resolution's "What was checked": the Universal Resolver's calls over state proven at a block
  // whose hash and state root are anvil's, the resolver contract's proof, the one RPC named.
  const nameEvidence = resolution.locator('xpath=following-sibling::details[1]')
  await nameEvidence.locator('summary').click()
  await nameEvidence.getByRole('button', { name: 'Show hex' }).click()
  await nameEvidence.getByTestId('evidence-block').waitFor({ timeout: 60_000 })
  const shownName = await nameEvidence.evaluate((el) => Object.fromEntries(['evidence-block', 'evidence-block-hash', 'evidence-state-root', 'evidence-provider', 'evidence-proof']
    .map((id) => [id, el.querySelector(`[data-testid="${id}"]`)?.textContent?.trim()])))
  const nameBlock = await anvil.getBlock({ blockNumber: BigInt(shownName['evidence-block']!) })
  expect(shownName['evidence-block-hash']).toBe(nameBlock.hash)
  expect(shownName['evidence-state-root']).toBe(nameBlock.stateRoot)
  expect(shownName['evidence-provider']).toContain(devnet.rpcUrl.replace(/\/$/, ''))
  expect(shownName['evidence-proof']).toMatch(/^This name's address was computed by running the call in Latchkey's own EVM over state proven against the state root of block \d+, .*: [2-9]\d* accounts/)
  // Export proof: the resolution as a call bundle (the Universal Resolver's call and its return
  // data), re-run offline by the CLI; its return data decodes to the address the review shows.
  const [download] = await Promise.all([page.waitForEvent('download'), nameEvidence.getByTestId('export-proof').click()])
  expect(download.suggestedFilename()).toMatch(/^latchkey-proof-call-block-\d+\.json$/)
  const nameFile = join(dir, `ens-${download.suggestedFilename()}`)
  await download.saveAs(nameFile)
  const verifyBundle = (file: string) => runCliCaptured(['verify-bundle', file, '--checkpoint', devnet.checkpointRoot, '--json'], { cwd: dir, fetch: offline })
  const verified = await verifyBundle(nameFile)
  expect(verified.stderr).toBe('')
  expect(verified.code).toBe(0)
  const out = JSON.parse(verified.stdout)
  expect(out.block.number).toBe(shownName['evidence-block'])
  expect(getAddress(out.claim.call.to)).toBe(getAddress(devnet.contracts!.ens!.universalResolver))
  const [resolved] = decodeAbiParameters([{ type: 'bytes' }, { type: 'address' }], out.claim.result)
  expect(decodeAbiParameters([{ type: 'address' }], resolved)[0]).toBe(devEth)
  // In words: read from the proven call data and return data, not from a label in the file.
  const told = await runCliCaptured(['verify-bundle', nameFile, '--checkpoint', devnet.checkpointRoot], { cwd: dir, fetch: offline })
  expect(told.code).toBe(0)
  expect(told.stdout.toLowerCase()).toContain(`(ens: dev.eth resolves to ${devEth}, if ${devnet.contracts!.ens!.universalResolver} is your network's universal resolver)`.toLowerCase())
  // A tampered copy (another address as the answer) is refused with exit 3.
  const tampered = JSON.parse(await readFile(nameFile, 'utf8'))
  tampered.claim.result = tampered.claim.result.replace(devEth.slice(2).toLowerCase(), devnet.accounts[1]!.slice(2).toLowerCase())
  expect(tampered.claim.result).not.toBe(out.claim.result)
  await writeFile(join(dir, 'ens-tampered.json'), JSON.stringify(tampered))
  const refused = await verifyBundle(join(dir, 'ens-tampered.json'))
  expect(refused.code).toBe(3)
  expect(refused.stdout + refused.stderr).toContain('BundleClaimMismatchError')
  const before = await anvil.getBalance({ address: devEth })
  await page.getByRole('button', { name: 'Sign and send' }).click()
  await page.getByTestId('receipt-status').waitFor({ timeout: 45_000 })
  await expect(page.getByTestId('receipt-status').textContent()).resolves.toMatch(/^Confirmed: receipt verified in block \d+$/)
  expect(await anvil.getBalance({ address: devEth })).toBe(before + parseEther('1'))

  // Typed as an address, the recipient shows its primary name (checked forward) beside it.
  await page.getByRole('button', { name: 'Send another' }).click()
  await page.getByLabel('Recipient address or ENS name').fill(devEth)
  await page.getByLabel('Amount (ETH)').fill('0.1')
  await page.getByRole('button', { name: 'Review' }).click()
  await page.getByRole('heading', { name: 'Review' }).waitFor({ timeout: 30_000 })
  await expect.poll(() => page.getByTestId('primary-name').textContent(), { timeout: 30_000 }).toBe('dev.eth')
  // Its "What was checked": the reverse lookup and its forward check, run over state proven at a
  // block whose hash and state root are anvil's, answered by the one RPC the link set.
  const primaryEvidence = page.getByTestId('evidence').filter({ hasText: 'This primary name (dev.eth)' })
  await primaryEvidence.locator('summary').click()
  await primaryEvidence.getByRole('button', { name: 'Show hex' }).click()
  await primaryEvidence.getByTestId('evidence-block').waitFor({ timeout: 60_000 })
  const shownPrimary = await primaryEvidence.evaluate((el) => Object.fromEntries(['evidence-block', 'evidence-block-hash', 'evidence-state-root', 'evidence-provider', 'evidence-proof']
    .map((id) => [id, el.querySelector(`[data-testid="${id}"]`)?.textContent?.trim()])))
  const primaryBlock = await anvil.getBlock({ blockNumber: BigInt(shownPrimary['evidence-block']!) })
  expect(shownPrimary['evidence-block-hash']).toBe(primaryBlock.hash)
  expect(shownPrimary['evidence-state-root']).toBe(primaryBlock.stateRoot)
  expect(shownPrimary['evidence-provider']).toContain(devnet.rpcUrl.replace(/\/$/, ''))
  expect(shownPrimary['evidence-proof']).toMatch(/^This primary name \(dev\.eth\) was computed by running the call in Latchkey's own EVM over state proven against the state root of block \d+, .*: [2-9]\d* accounts/)
  // Export proof: the reverse lookup (with its forward check, inside the one call) as a call bundle, re-run offline.
  const [primaryDownload] = await Promise.all([page.waitForEvent('download'), primaryEvidence.getByTestId('export-proof').click()])
  const primaryFile = join(dir, `primary-${primaryDownload.suggestedFilename()}`)
  await primaryDownload.saveAs(primaryFile)
  const primaryVerified = await verifyBundle(primaryFile)
  expect(primaryVerified.stderr).toBe('')
  expect(primaryVerified.code).toBe(0)
  const primaryOut = JSON.parse(primaryVerified.stdout)
  expect(primaryOut.block.number).toBe(shownPrimary['evidence-block'])
  expect(getAddress(primaryOut.claim.call.to)).toBe(getAddress(devnet.contracts!.ens!.universalResolver))
  expect(decodeAbiParameters([{ type: 'string' }, { type: 'address' }, { type: 'address' }], primaryOut.claim.result)[0]).toBe('dev.eth')
  const forged = JSON.parse(await readFile(primaryFile, 'utf8'))
  forged.claim.result = forged.claim.result.replace(toHex('dev.eth').slice(2), toHex('bad.eth').slice(2))
  expect(forged.claim.result).not.toBe(primaryOut.claim.result)
  await writeFile(join(dir, 'primary-tampered.json'), JSON.stringify(forged))
  const forgedRefused = await verifyBundle(join(dir, 'primary-tampered.json'))
  expect(forgedRefused.code).toBe(3)
  expect(forgedRefused.stdout + forgedRefused.stderr).toContain('BundleClaimMismatchError')
  await page.getByRole('button', { name: 'Edit' }).click()

  // A name that does not resolve is refused before any review.
  await page.getByLabel('Recipient address or ENS name').fill('nobody.eth')
  await page.getByRole('button', { name: 'Review' }).click()
  await expect(page.getByRole('alert').textContent({ timeout: 30_000 })).resolves.toMatch(/nobody\.eth does not resolve to an address/)

  // A stale feed (its latest round older than the heartbeat allows) hides the USD value, saying why.
  const head = await anvil.getBlock()
  await postDevnetPrice({ rpc: createJsonRpc(devnet.rpcUrl), chainId: devnet.chainId, feed: devnet.contracts!.priceFeeds!.ethUsd.address, updatedAt: head.timestamp - 7200n })
  await page.getByRole('link', { name: 'Home' }).click()
  await page.locator('[data-testid="usd-hidden"][data-error="PriceFeedStaleError"]').waitFor({ timeout: 45_000 })
  await expect(page.getByTestId('usd-value').count()).resolves.toBe(0)
  expect(browser.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([])
}, 180_000)

it('an offchain (CCIP-read) name: refused by default without asking its gateway; allowed in Settings, the review says it is not verified and signing waits for a check', async () => {
  const { devnet, browser, page } = e2e
  dumpOnFailure(page, browser, 'ens-offchain')
  const gateway = await startTestGateway(devnet.accounts[3]!)
  try {
    await registerOffchainName(devnet, 'gateway', gateway.url)
    const host = new URL(gateway.url).host
    await page.getByRole('link', { name: 'Send', exact: true }).first().click()
    const review = async () => {
      await page.getByLabel('Recipient address or ENS name').fill('gateway.eth')
      await page.getByLabel('Amount (ETH)').fill('0.5')
      await page.getByRole('button', { name: 'Review' }).click()
    }
    // The head must include the registration first: until then the name has no resolver at all.
    await expect.poll(async () => {
      await review()
      return page.getByRole('alert').textContent({ timeout: 30_000 })
    }, { timeout: 60_000 }).toMatch(new RegExp(`gateway\\.eth is answered offchain by ${host.replace(/\./g, '\\.')} \\(CCIP-read\\)`))
    expect(gateway.state.requests).toBe(0)

    await page.getByRole('link', { name: 'Settings' }).click()
    await page.getByLabel('Accept offchain (CCIP-read) ENS answers, shown as unverified').check()
    await page.getByRole('link', { name: 'Send', exact: true }).first().click()
    await review()
    await page.getByRole('heading', { name: 'Review' }).waitFor({ timeout: 30_000 })
    await expect(page.getByTestId('review-to').textContent()).resolves.toBe(devnet.accounts[3])
    const resolution = page.getByTestId('ens-resolution')
    await expect(resolution.getAttribute('data-verified')).resolves.toBe('false')
    await expect(resolution.textContent()).resolves.toContain(`Not verified: gateway.eth was answered offchain by ${host}`)
    expect(gateway.state.requests).toBe(1)
    const sign = page.getByRole('button', { name: 'Sign and send' })
    await expect(sign.isDisabled()).resolves.toBe(true)
    await page.getByLabel('I checked this address another way: send to it').check()
    await expect(sign.isDisabled()).resolves.toBe(false)
    await shot(page, 'send-ens-offchain-review')
    await page.getByRole('button', { name: 'Edit' }).click()
  } finally {
    await gateway.stop()
  }
}, 120_000)
