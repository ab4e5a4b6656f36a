import type { Hex } from 'viem'

/**
 * Init code of a hand-assembled ERC-20 subset (written when there was no solc here; the tests now
 * deploy tokens compiled from scripts/contracts/sources, the bench keeps these bytes so that its
 * metrics stay comparable run to run): balances in a Solidity-style mapping at slot 0, balanceOf(address), transfer(address,uint256);
 * the deployer gets 1e24 units.
 */
export const TEST_TOKEN_INIT: Hex =
  '0x336000526000602052604060002069d3c21bcecceda1000000905561007d806100286000396000f360003560e01c806370a0823114601e578063a9059cbb14603857600080fd5b600435600052600060205260406000205460005260206000f35b3360005260006020526040600020805460243580821060785790039055600435600052600060205260406000208054602435019055600160005260206000f35b600080fd'
