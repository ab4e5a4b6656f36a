// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Forwards the ETH sent with `pay` to `to` from inside the call: the recipient's balance changes
/// with no transaction to it, as with a WETH unwrap or a contract payout (history's "internal" ETH).
contract Payout {
    function pay(address payable to) external payable {
        (bool ok, ) = to.call{value: msg.value}("");
        require(ok, "payout failed");
    }
}
