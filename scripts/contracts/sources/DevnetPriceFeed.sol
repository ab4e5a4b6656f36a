// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// A price feed with Chainlink's AggregatorV3Interface (decimals, description, version,
/// getRoundData, latestRoundData), written for the devnet: its owner posts rounds, as a feed's
/// oracle network would. `postRoundAt` backdates a round so that tests can make the feed stale.
contract DevnetPriceFeed {
    struct Round {
        int256 answer;
        uint256 startedAt;
        uint256 updatedAt;
    }

    uint8 public immutable decimals;
    string public description;
    uint256 public constant version = 4;
    address public immutable owner;
    uint80 public latestRound;
    mapping(uint80 => Round) private rounds;

    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);

    error Unauthorised(address caller);
    error NoDataPresent();

    constructor(uint8 decimals_, string memory description_, int256 initialAnswer) {
        decimals = decimals_;
        description = description_;
        owner = msg.sender;
        _post(initialAnswer, block.timestamp);
    }

    function postRound(int256 answer) external {
        if (msg.sender != owner) revert Unauthorised(msg.sender);
        _post(answer, block.timestamp);
    }

    function postRoundAt(int256 answer, uint256 updatedAt) external {
        if (msg.sender != owner) revert Unauthorised(msg.sender);
        _post(answer, updatedAt);
    }

    function getRoundData(uint80 roundId)
        public
        view
        returns (uint80, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        Round memory round = rounds[roundId];
        if (round.updatedAt == 0) revert NoDataPresent();
        return (roundId, round.answer, round.startedAt, round.updatedAt, roundId);
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return getRoundData(latestRound);
    }

    function latestAnswer() external view returns (int256) {
        return rounds[latestRound].answer;
    }

    function _post(int256 answer, uint256 updatedAt) private {
        latestRound += 1;
        rounds[latestRound] = Round(answer, updatedAt, updatedAt);
        emit AnswerUpdated(answer, latestRound, updatedAt);
    }
}
