// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Calls that exercise what the local EVM must get right besides token reads: the block context,
/// precompiles (the cheap ones and BLS12-381), reverts, out-of-gas, refunds and calldata floors.
/// The tests run each through the local EVM and compare with anvil's eth_call / eth_estimateGas.
contract EvmProbe {
    uint256 private slot = 1;

    function blockContext()
        external
        view
        returns (uint256 number, uint256 timestamp, uint256 basefee, uint256 chainid, uint256 gaslimit, address coinbase, uint256 prevrandao, uint256 blobbasefee, uint256 gasprice, address origin, address sender)
    {
        return (block.number, block.timestamp, block.basefee, block.chainid, block.gaslimit, block.coinbase, block.prevrandao, block.blobbasefee, tx.gasprice, tx.origin, msg.sender);
    }

    function gasLeft() external view returns (uint256) {
        return gasleft();
    }

    function hashes(bytes calldata data) external view returns (bytes32 sha, bytes20 ripemd, bytes memory identity) {
        bool ok;
        (ok, identity) = address(4).staticcall(data);
        require(ok, "identity failed");
        return (sha256(data), ripemd160(data), identity);
    }

    function recover(bytes32 hash, uint8 v, bytes32 r, bytes32 s) external pure returns (address) {
        return ecrecover(hash, v, r, s);
    }

    /// Any precompile by address, with its raw output (modexp 0x05, bn254 0x06-0x08, blake2f 0x09, BLS12-381 0x0b-0x11).
    function precompile(address target, bytes calldata input) external view returns (bool ok, bytes memory output) {
        return target.staticcall(input);
    }

    function fail(string calldata reason) external pure {
        revert(reason);
    }

    /// Spins until the gas is gone.
    function burn() external view returns (uint256 acc) {
        while (true) acc = uint256(keccak256(abi.encode(acc, gasleft())));
    }

    /// Sets a fresh slot and clears the old one: a net refund for eth_estimateGas to account for.
    function churn() external {
        slot = 0;
        slot = 0;
    }

    /// Does nothing with its calldata: with a long argument the EIP-7623 floor is what the call pays.
    function ignore(bytes calldata) external pure {}
}
