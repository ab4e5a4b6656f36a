// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";

/// WETH9's behaviour on OpenZeppelin's ERC-20: deposit() (or plain ETH) wraps, withdraw(amount) unwraps.
contract TestWeth is ERC20 {
    event Deposit(address indexed dst, uint256 wad);
    event Withdrawal(address indexed src, uint256 wad);

    constructor() ERC20("Wrapped Ether", "WETH") {}

    receive() external payable {
        deposit();
    }

    function deposit() public payable {
        _mint(msg.sender, msg.value);
        emit Deposit(msg.sender, msg.value);
    }

    function withdraw(uint256 wad) external {
        _burn(msg.sender, wad);
        emit Withdrawal(msg.sender, wad);
        Address.sendValue(payable(msg.sender), wad);
    }
}

/// A swap-like contract: swap(amountIn) takes `amountIn` of tokenIn (approved first) and pays
/// twice that of tokenOut from its own balance, plus whatever ETH came with the call back to the sender.
contract TestSwap {
    using SafeERC20 for IERC20;

    IERC20 public immutable tokenIn;
    IERC20 public immutable tokenOut;

    constructor(IERC20 tokenIn_, IERC20 tokenOut_) {
        tokenIn = tokenIn_;
        tokenOut = tokenOut_;
    }

    function swap(uint256 amountIn) external payable returns (uint256 amountOut) {
        tokenIn.safeTransferFrom(msg.sender, address(this), amountIn);
        amountOut = amountIn * 2;
        tokenOut.safeTransfer(msg.sender, amountOut);
    }
}

/// A contract whose write reverts with a reason (and a custom error), for the review and preview tests.
contract TestReverter {
    error NotAllowed(address caller, uint256 code);

    uint256 public value;

    function set(uint256 v) external {
        require(v < 100, "value must be below 100");
        value = v;
    }

    function forbidden() external view {
        revert NotAllowed(msg.sender, 42);
    }
}
