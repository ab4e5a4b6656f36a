import type { Hex } from 'viem'

/**
 * Init code of the hand-assembled ERC-20 subset from tests/lib/rpc/tinyErc20.ts (execution
 * engineer; there is no solc on this machine), copied as bytes so the bench does not depend on test
 * files: balances in a Solidity-style mapping at slot 0, balanceOf(address), transfer(address,uint256);
 * the deployer gets 1e24 units.
 */
export const TEST_TOKEN_INIT: Hex =
  '0x336000526000602052604060002069d3c21bcecceda1000000905561007d806100286000396000f360003560e01c806370a0823114601e578063a9059cbb14603857600080fd5b600435600052600060205260406000205460005260206000f35b3360005260006020526040600020805460243580821060785790039055600435600052600060205260406000208054602435019055600160005260206000f35b600080fd'
