import { type Address, type Hex, encodeDeployData, encodeFunctionData, numberToHex, parseEther } from 'viem'
import { compileContract } from '../../scripts/contracts/compileContract.ts'
import { rpc } from '../lib/execution/startAnvil.ts'

export type HistoryScenario = {
  user: Address
  other: Address
  funder: Address
  token: Address
  nft: Address
  payout: Address
  /** The block where the user's Approval and someone else's Transfer share a bloom (a false positive for the user). */
  falsePositiveBlock: bigint
  /** Block numbers of the first and the last scenario transaction. */
  firstBlock: bigint
  lastBlock: bigint
}

/**
 * Puts ETH, ERC-20 and ERC-721 movements in and out of `user` on an anvil chain that does not
 * automine (`mine(n)` mines n blocks, pending transactions into the first), with `filler` empty
 * blocks between the early and the late ones so the history spans more than 256 blocks. Sends
 * from anvil's unlocked dev accounts; real OpenZeppelin contracts.
 */
export async function runHistoryScenario({ rpcUrl, accounts, mine, filler = 300 }: { rpcUrl: string; accounts: Address[]; mine: (count: number) => Promise<void>; filler?: number }): Promise<HistoryScenario> {
  const [funder, user, other] = accounts.map((a) => a.toLowerCase() as Address)
  const send = (tx: Record<string, unknown>) => rpc<Hex>(rpcUrl, 'eth_sendTransaction', [tx])
  const mined = async (hashes: Hex[]) => {
    await mine(1)
    const receipts = []
    for (const hash of hashes) {
      let receipt = null
      for (let i = 0; !receipt && i < 100; i++) {
        receipt = await rpc(rpcUrl, 'eth_getTransactionReceipt', [hash])
        if (!receipt) await new Promise((ok) => setTimeout(ok, 50))
      }
      if (!receipt) throw new Error(`${hash} was not mined`)
      receipts.push(receipt)
    }
    return receipts as { blockNumber: Hex; contractAddress: Address | null; status: Hex }[]
  }
  const succeeded = async (hashes: Hex[]) => {
    const receipts = await mined(hashes)
    for (const [i, r] of receipts.entries()) if (r.status !== '0x1') throw new Error(`scenario transaction ${hashes[i]} reverted`)
    return receipts
  }
  const [tokenC, nftC, payoutC] = await Promise.all([
    compileContract('TestTokens.sol', 'TestToken'),
    compileContract('TestTokens.sol', 'TestNft'),
    compileContract('HistoryFixtures.sol', 'Payout'),
  ])
  const deploys = await succeeded([
    await send({ from: funder, data: encodeDeployData({ abi: tokenC.abi, bytecode: tokenC.bytecode, args: ['History Token', 'HIST', 18, parseEther('1000')] }) }),
    await send({ from: funder, data: encodeDeployData({ abi: nftC.abi, bytecode: nftC.bytecode, args: ['History NFT', 'HNFT'] }) }),
    await send({ from: funder, data: encodeDeployData({ abi: payoutC.abi, bytecode: payoutC.bytecode, args: [] }) }),
  ])
  const [token, nft, payout] = deploys.map((r) => r.contractAddress!.toLowerCase() as Address)
  const call = (abi: typeof tokenC.abi, functionName: string, args: unknown[]) => encodeFunctionData({ abi, functionName, args } as never)

  const early = await succeeded([
    await send({ from: funder, to: user, value: numberToHex(parseEther('1')) }),
    await send({ from: funder, to: token, data: call(tokenC.abi, 'transfer', [user, 100n]) }),
  ])
  await mine(filler)
  await succeeded([await send({ from: user, to: other, value: numberToHex(parseEther('0.25')) })])
  await succeeded([
    await send({ from: user, to: token, data: call(tokenC.abi, 'transfer', [other, 40n]) }),
    await send({ from: funder, to: nft, data: call(nftC.abi, 'mint', [user]) }),
  ])
  await succeeded([await send({ from: user, to: nft, data: call(nftC.abi, 'transferFrom', [user, other, 1n]) })])
  // The user's Approval puts the user's padded address in the bloom, someone else's Transfer the Transfer topic.
  const [approval] = await succeeded([
    await send({ from: user, to: token, data: call(tokenC.abi, 'approve', [other, 5n]) }),
    await send({ from: funder, to: token, data: call(tokenC.abi, 'transfer', [other, 7n]) }),
  ])
  await succeeded([await send({ from: other, to: payout, value: numberToHex(parseEther('0.5')), data: call(payoutC.abi, 'pay', [user]) })])
  // A reverting transfer (more than the balance): a fee and a nonce, no movement.
  const [failed] = await mined([await send({ from: user, to: token, gas: numberToHex(100_000), data: call(tokenC.abi, 'transfer', [other, 10n ** 30n]) })])
  if (failed.status !== '0x0') throw new Error('the scenario meant that transfer to revert')
  await mine(3)
  return {
    user, other, funder, token, nft, payout,
    falsePositiveBlock: BigInt(approval.blockNumber),
    firstBlock: BigInt(early[0].blockNumber),
    lastBlock: BigInt(failed.blockNumber),
  }
}
