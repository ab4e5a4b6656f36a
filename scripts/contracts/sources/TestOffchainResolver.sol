// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// A wildcard resolver that answers every query offchain (EIP-3668 CCIP-read, ENSIP-10): it
/// reverts OffchainLookup pointing at `gatewayUrl`, and its callback returns whatever the gateway
/// said. Real offchain resolvers check a signature here; either way the chain cannot vouch for the
/// answer, which is what Latchkey's tests need: a name whose answer does not come from the chain.
contract TestOffchainResolver {
    string public gatewayUrl;

    error OffchainLookup(address sender, string[] urls, bytes callData, bytes4 callbackFunction, bytes extraData);

    constructor(string memory gatewayUrl_) {
        gatewayUrl = gatewayUrl_;
    }

    function resolve(bytes calldata name, bytes calldata data) external view returns (bytes memory) {
        string[] memory urls = new string[](1);
        urls[0] = gatewayUrl;
        revert OffchainLookup(address(this), urls, abi.encode(name, data), this.resolveCallback.selector, data);
    }

    function resolveCallback(bytes calldata response, bytes calldata) external pure returns (bytes memory) {
        return response;
    }

    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == 0x01ffc9a7 || interfaceId == 0x9061b923; // ERC-165, IExtendedResolver
    }
}
