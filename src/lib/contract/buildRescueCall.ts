import { type Address, type Hex, encodeFunctionData } from 'viem'
import { parseAmount } from '../wallet/parseAmount.ts'
import { verifyAddress } from '../wallet/verifyAddress.ts'
import { ArgumentParseError } from './errors.ts'
import { erc20Abi, erc721Abi, wethAbi } from './knownAbis.ts'

export type RescueAction = 'erc20-transfer' | 'erc20-approve' | 'erc20-revoke' | 'weth-unwrap' | 'erc721-transfer'

export type BuildRescueCallParameters = {
  action: RescueAction
  /** The account that signs (the ERC-721 transfer's `from`). */
  from: Address
  /** The token, WETH or NFT contract, as entered. */
  contract: string
  /** Recipient (transfers) or spender (approve, revoke), as entered. */
  counterparty?: string
  /** Amount in the token's units (ERC-20, WETH), or the token id (ERC-721), as entered. */
  amount?: string
  /** The token's decimals, read by verified eth_call (ERC-20 transfer and approve). */
  decimals?: number
  symbol?: string
}
export type BuildRescueCallReturnType = { to: Address; data: Hex; value: 0n }

/**
 * The calldata of the built-in rescue actions: ERC-20 transfer, approve and revoke (approve 0),
 * WETH unwrap (withdraw), ERC-721 safeTransferFrom from the signer. Each field is checked and
 * refused by name; the call then goes through the normal review (decoded there from the same data).
 */
export function buildRescueCall({ action, from, contract, counterparty = '', amount = '', decimals, symbol = 'tokens' }: BuildRescueCallParameters): BuildRescueCallReturnType {
  const to = verifyAddress({ address: contract })
  const other = () => verifyAddress({ address: counterparty })
  const units = (d: number, s: string) => parseAmount({ input: amount, decimals: d, symbol: s })
  const needDecimals = () => {
    if (decimals === undefined) throw new ArgumentParseError({ argument: 'amount', type: 'uint256', reason: "the token's decimals are not known yet" })
    return decimals
  }
  switch (action) {
    case 'erc20-transfer':
      return { to, value: 0n, data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [other(), units(needDecimals(), symbol)] }) }
    case 'erc20-approve':
      return { to, value: 0n, data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [other(), units(needDecimals(), symbol)] }) }
    case 'erc20-revoke':
      return { to, value: 0n, data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [other(), 0n] }) }
    case 'weth-unwrap':
      return { to, value: 0n, data: encodeFunctionData({ abi: wethAbi, functionName: 'withdraw', args: [units(18, 'WETH')] }) }
    case 'erc721-transfer': {
      if (!/^\d+$/.test(amount.trim())) throw new ArgumentParseError({ argument: 'token id', type: 'uint256', reason: 'expected a whole number' })
      return { to, value: 0n, data: encodeFunctionData({ abi: erc721Abi, functionName: 'safeTransferFrom', args: [from, other(), BigInt(amount.trim())] }) }
    }
  }
}
