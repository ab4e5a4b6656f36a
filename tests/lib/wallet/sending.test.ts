import type { Address, PublicClient } from 'viem'
import { createPublicClient, createTestClient, erc20Abi, http, parseEther, parseGwei, parseUnits } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMemoryActivityStore } from '../../../src/lib/wallet/activityStore.ts'
import { addHdAccount } from '../../../src/lib/wallet/addHdAccount.ts'
import { addSeed } from '../../../src/lib/wallet/addSeed.ts'
import { createReplacement } from '../../../src/lib/wallet/createReplacement.ts'
import {
  InsufficientBalanceError,
  InsufficientFundsForFeeError,
  InvalidAddressChecksumError,
  ReplacementNotPossibleError,
  SignerMismatchError,
  TransactionRejectedError,
} from '../../../src/lib/wallet/errors.ts'
import { getAccountSigner } from '../../../src/lib/wallet/getAccountSigner.ts'
import { prepareTransfer } from '../../../src/lib/wallet/prepareTransfer.ts'
import { refreshActivity } from '../../../src/lib/wallet/refreshActivity.ts'
import { sendTransfer } from '../../../src/lib/wallet/sendTransfer.ts'
import { signTransfer } from '../../../src/lib/wallet/signTransfer.ts'
import type { Token } from '../../../src/lib/wallet/token.ts'
import { Vault } from '../../../src/lib/wallet/Vault.ts'
import { createMemoryVaultStorage } from '../../../src/lib/wallet/vaultStorage.ts'
import type { TestAnvil } from './anvil.ts'
import { startTestAnvil } from './anvil.ts'
import { deployTestToken } from '../../helpers/deployTestToken.ts'

const anvilMnemonic = 'test test test test test test test test test test test junk'
const chainId = 31337
let anvil: TestAnvil
let client: PublicClient
let test: ReturnType<typeof createTestClient>
let vault: Vault
const ids: string[] = []
let tokenAddress: Address
let token: Token

const baseFee = async () => (await client.getBlock()).baseFeePerGas!
const signer = (i: number) => getAccountSigner({ contents: vault.getContents(), accountId: ids[i] })
const tokenBalance = (address: Address) => client.readContract({ address: tokenAddress, abi: erc20Abi, functionName: 'balanceOf', args: [address] })

beforeAll(async () => {
  anvil = await startTestAnvil({ chainId })
  // A plain viem client stands in for the verified one from src/lib/rpc.
  client = createPublicClient({ transport: http(anvil.url) }) as PublicClient
  test = createTestClient({ mode: 'anvil', transport: http(anvil.url) })
  vault = new Vault({ storage: createMemoryVaultStorage(), kdf: { name: 'scrypt', N: 1024, r: 8, p: 1 }, autoLockMs: undefined })
  await vault.create({ password: 'pw' })
  await vault.update((c) => {
    const s = addSeed({ contents: c, mnemonic: anvilMnemonic })
    let contents = s.contents
    for (let i = 0; i < 6; i++) {
      const r = addHdAccount({ contents, seedId: s.seedId, index: i })
      contents = r.contents
      ids.push(r.account.id)
    }
    return contents
  })
  // An OpenZeppelin ERC-20 compiled from source, 1000 TST sent to account 0 by a dev account no test uses.
  const holders = [{ address: signer(0).address, amount: parseUnits('1000', 6) }]
  tokenAddress = (await deployTestToken({ rpcUrl: anvil.url, symbol: 'TST', decimals: 6, holders, noMining: true })).address
  token = { chainId, address: tokenAddress, symbol: 'TST', decimals: 6 }
})

afterAll(async () => {
  vault?.lock()
  await anvil?.stop()
})

describe('send ETH', () => {
  it('prepares a reviewed EIP-1559 transfer, signs with the vault account, and the balances move exactly', async () => {
    const activity = createMemoryActivityStore()
    const from = signer(0).address
    const to = signer(1).address
    const base = await baseFee()
    const [fromBefore, toBefore] = await Promise.all([client.getBalance({ address: from }), client.getBalance({ address: to })])
    const { transaction, review } = await prepareTransfer({
      client, chainId, from, to: to.toLowerCase(), amount: parseEther('1.5'), baseFeePerGas: base, maxPriorityFeePerGas: parseGwei('2'),
    })
    expect(review).toMatchObject({ kind: 'eth', recipient: to, amountFormatted: '1.5 ETH', gas: 21000n, nonce: 0, call: undefined })
    expect(review.maxFeePerGas).toBe(2n * base + parseGwei('2'))
    expect(review.maxFee).toBe(21000n * review.maxFeePerGas)
    expect(review.maxTotalEth).toBe(parseEther('1.5') + review.maxFee)
    expect(transaction).toMatchObject({ type: 'eip1559', chainId, to, value: parseEther('1.5'), nonce: 0 })
    expect(Object.isFrozen(transaction) && Object.isFrozen(review)).toBe(true)

    const { hash, record } = await sendTransfer({
      client, account: signer(0), transaction, activity,
      summary: { recipient: review.recipient, amount: review.amount, symbol: 'ETH', decimals: 18 },
    })
    expect(record.status).toBe('pending')
    expect(await refreshActivity({ client, activity, chainId })).toEqual([])
    await test.mine({ blocks: 1 })
    const [changed] = await refreshActivity({ client, activity, chainId })
    expect(changed).toMatchObject({ hash, status: 'success' })
    const receipt = await client.getTransactionReceipt({ hash })
    // The receipt's age counts from its block's own timestamp.
    expect(changed.blockTimestamp).toBe((await client.getBlock({ blockHash: receipt.blockHash })).timestamp)
    const [fromAfter, toAfter] = await Promise.all([client.getBalance({ address: from }), client.getBalance({ address: to })])
    expect(toAfter - toBefore).toBe(parseEther('1.5'))
    expect(fromBefore - fromAfter).toBe(parseEther('1.5') + receipt.gasUsed * receipt.effectiveGasPrice)
    expect((await activity.list({ from }))[0].status).toBe('success')
  })

  it('refuses bad recipients, amounts beyond the balance, and fees the balance cannot cover', async () => {
    const from = signer(0).address
    const base = await baseFee()
    await expect(prepareTransfer({ client, chainId, from, to: '0x70997970c51812dc3A010C7d01b50e0d17dc79C8', amount: 1n, baseFeePerGas: base }))
      .rejects.toThrow(InvalidAddressChecksumError)
    const balance = await client.getBalance({ address: from })
    await expect(prepareTransfer({ client, chainId, from, to: signer(1).address, amount: balance + 1n, baseFeePerGas: base }))
      .rejects.toThrow(InsufficientBalanceError)
    await expect(prepareTransfer({ client, chainId, from, to: signer(1).address, amount: balance, baseFeePerGas: base }))
      .rejects.toThrow(InsufficientFundsForFeeError)
  })

  it('refuses to sign with a different account than the reviewed sender', async () => {
    const { transaction } = await prepareTransfer({ client, chainId, from: signer(2).address, to: signer(1).address, amount: 1n, baseFeePerGas: await baseFee() })
    await expect(signTransfer({ account: signer(3), from: signer(2).address, transaction })).rejects.toThrow(SignerMismatchError)
  })
})

describe('send ERC-20', () => {
  it('encodes transfer(), shows the decoded call in the review, and moves the tokens', async () => {
    const activity = createMemoryActivityStore()
    const from = signer(0).address
    const to = signer(4).address
    const amount = parseUnits('12.5', 6)
    const before = await tokenBalance(from)
    const { transaction, review } = await prepareTransfer({ client, chainId, from, to, amount, token, baseFeePerGas: await baseFee() })
    expect(review).toMatchObject({ kind: 'erc20', amountFormatted: '12.5 TST', tokenBalance: before, call: { to: tokenAddress, functionName: 'transfer', args: [to, amount] } })
    expect(transaction.to).toBe(tokenAddress)
    expect(transaction.value).toBe(0n)
    expect(review.gas).toBeGreaterThan(21000n)
    expect(review.maxTotalEth).toBe(review.maxFee)
    const { hash } = await sendTransfer({ client, account: signer(0), transaction, activity, summary: { recipient: to, amount, symbol: 'TST', decimals: 6, token: tokenAddress } })
    await test.mine({ blocks: 1 })
    const [r] = await refreshActivity({ client, activity, chainId })
    expect(r).toMatchObject({ hash, status: 'success' })
    expect(await tokenBalance(to)).toBe(amount)
    expect(await tokenBalance(from)).toBe(before - amount)
  })

  it('refuses a token amount beyond the token balance', async () => {
    const from = signer(0).address
    const balance = await tokenBalance(from)
    await expect(prepareTransfer({ client, chainId, from, to: signer(4).address, amount: balance + 1n, token, baseFeePerGas: await baseFee() }))
      .rejects.toThrow(/more than the balance \(987\.5 TST\)/)
  })
})

describe('speed-up and cancel', () => {
  it('a speed-up with the same nonce and fees bumped >= 10% replaces the pending transaction', async () => {
    const activity = createMemoryActivityStore()
    const from = signer(2).address
    const to = signer(3).address
    const base = await baseFee()
    const slow = await prepareTransfer({ client, chainId, from, to, amount: parseEther('1'), baseFeePerGas: base, maxPriorityFeePerGas: 1n })
    const sent = await sendTransfer({ client, account: signer(2), transaction: slow.transaction, activity, summary: { recipient: to, amount: parseEther('1'), symbol: 'ETH', decimals: 18 } })

    // A same-nonce "replacement" without a fee bump is refused by the node, and nothing is recorded.
    const underpriced = { ...slow.transaction, value: parseEther('0.9') }
    await expect(sendTransfer({ client, account: signer(2), transaction: underpriced, activity, summary: sent.record.summary, kind: 'speedUp', replaces: sent.hash }))
      .rejects.toThrow(TransactionRejectedError)
    expect(await activity.list()).toHaveLength(1)

    const replacement = createReplacement({ original: sent.record, mode: 'speedUp', baseFeePerGas: base })
    expect(replacement.transaction.nonce).toBe(sent.record.nonce)
    expect(replacement.transaction.maxFeePerGas * 100n).toBeGreaterThanOrEqual(slow.transaction.maxFeePerGas! * 110n)
    expect(replacement.transaction.maxPriorityFeePerGas * 100n).toBeGreaterThanOrEqual(slow.transaction.maxPriorityFeePerGas! * 110n)
    const fast = await sendTransfer({ client, account: signer(2), ...replacement, activity })
    expect((await activity.get(sent.hash))!.replacedBy).toEqual([fast.hash])
    await test.mine({ blocks: 1 })
    const changed = await refreshActivity({ client, activity, chainId })
    const byHash = Object.fromEntries(changed.map((r) => [r.hash, r.status]))
    expect(byHash).toEqual({ [fast.hash]: 'success', [sent.hash]: 'replaced' })
    expect((await client.getTransactionReceipt({ hash: fast.hash })).status).toBe('success')
    expect(() => createReplacement({ original: (changed.find((r) => r.hash === sent.hash))!, mode: 'speedUp', baseFeePerGas: base })).toThrow(ReplacementNotPossibleError)
  })

  it('a cancel sends 0 ETH to self with the same nonce; the transfer never happens', async () => {
    const activity = createMemoryActivityStore()
    const from = signer(5).address
    const to = signer(3).address
    const toBefore = await client.getBalance({ address: to })
    const base = await baseFee()
    const p = await prepareTransfer({ client, chainId, from, to, amount: parseEther('2'), baseFeePerGas: base, maxPriorityFeePerGas: 1n })
    const sent = await sendTransfer({ client, account: signer(5), transaction: p.transaction, activity, summary: { recipient: to, amount: parseEther('2'), symbol: 'ETH', decimals: 18 } })
    const cancel = createReplacement({ original: sent.record, mode: 'cancel', baseFeePerGas: base })
    expect(cancel.transaction).toMatchObject({ to: from, value: 0n, gas: 21000n, nonce: sent.record.nonce })
    const c = await sendTransfer({ client, account: signer(5), ...cancel, activity })
    await test.mine({ blocks: 1 })
    await refreshActivity({ client, activity, chainId })
    expect((await activity.get(c.hash))!.status).toBe('success')
    expect((await activity.get(sent.hash))!.status).toBe('replaced')
    expect(await client.getBalance({ address: to })).toBe(toBefore)
  })

  it('an RPC that rejects the transaction (nonce already used) gives TransactionRejectedError', async () => {
    const activity = createMemoryActivityStore()
    const p = await prepareTransfer({ client, chainId, from: signer(0).address, to: signer(1).address, amount: 1n, baseFeePerGas: await baseFee() })
    const stale = { ...p.transaction, nonce: 0 }
    await expect(sendTransfer({ client, account: signer(0), transaction: stale, activity, summary: { recipient: signer(1).address, amount: 1n, symbol: 'ETH', decimals: 18 } }))
      .rejects.toThrow(TransactionRejectedError)
    expect(await activity.list()).toEqual([])
  })
})
