import { type Address, numberToHex } from 'viem'
import { type HistoryScenario, runHistoryScenario } from '../../helpers/historyScenario.ts'
import { type Anvil, rpc, startAnvil } from '../execution/startAnvil.ts'

/** anvil's first three dev accounts (the test mnemonic): funder, user, other. */
const ACCOUNTS = ['0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'] as Address[]

/**
 * anvil (Prague rules: the EIP-2935 contract is there) without automine, with the history
 * scenario's real OpenZeppelin tokens and transfers over more than 300 blocks. Stop it in afterAll.
 */
export async function startHistoryAnvil(): Promise<{ anvil: Anvil; scenario: HistoryScenario }> {
  const anvil = await startAnvil({ args: ['--no-mining'] })
  const scenario = await runHistoryScenario({ rpcUrl: anvil.url, accounts: ACCOUNTS, mine: (n) => rpc(anvil.url, 'anvil_mine', [numberToHex(n)]) })
  return { anvil, scenario }
}
