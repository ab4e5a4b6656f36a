// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// The devnet's Universal Resolver, written for Latchkey to the ABI viem's getEnsAddress and
// getEnsName call (resolveWithGateways / reverseWithGateways, the errors viem reads as "no name")
// and to the CCIP-read batch-gateway convention (EIP-3668, ENSIP-10, ENSIP-19). One contract, no
// proxy. An offchain answer comes back through ccipCallback; a client decides whether to trust it.

interface IEnsRegistryView {
    function resolver(bytes32 node) external view returns (address);
}

interface IExtendedResolver {
    function resolve(bytes calldata name, bytes calldata data) external view returns (bytes memory);
}

interface IBatchGateway {
    struct Query {
        address sender;
        string[] urls;
        bytes data;
    }

    function query(Query[] calldata queries) external view returns (bool[] memory failures, bytes[] memory responses);
}

contract UniversalResolver {
    IEnsRegistryView public immutable registry;

    bytes4 private constant OFFCHAIN_LOOKUP = 0x556f1830; // OffchainLookup(address,string[],bytes,bytes4,bytes)
    bytes4 private constant HTTP_ERROR = 0x01800152; // HttpError(uint16,string)
    bytes4 private constant EXTENDED_RESOLVER = 0x9061b923;
    bytes4 private constant ADDR = 0x3b3b57de; // addr(bytes32)
    bytes4 private constant ADDR_COIN = 0xf1cb7e06; // addr(bytes32,uint256)
    bytes4 private constant NAME = 0x691f3431; // name(bytes32)
    uint256 private constant COIN_TYPE_ETH = 60;
    uint8 private constant RESOLVE = 0;
    uint8 private constant REVERSE_NAME = 1;
    uint8 private constant REVERSE_ADDR = 2;

    error OffchainLookup(address sender, string[] urls, bytes callData, bytes4 callbackFunction, bytes extraData);
    error DNSDecodingFailed(bytes dns);
    error ResolverNotFound(bytes name);
    error ResolverNotContract(bytes name, address resolver);
    error ResolverError(bytes errorData);
    error UnsupportedResolverProfile(bytes4 selector);
    error ReverseAddressMismatch(string primary, bytes primaryAddress);

    /// What to do with a resolver's answer once it arrives (now, or after a gateway round trip).
    struct Step {
        uint8 kind;
        address resolver;
        bool extended;
        bytes name;
        bytes callData;
        string[] gateways;
        // reverse lookups: the address asked about, its coin type, the primary name found, the reverse resolver
        bytes lookupAddress;
        uint256 coinType;
        string primary;
        address reverseResolver;
    }

    constructor(IEnsRegistryView registry_) {
        registry = registry_;
    }

    // ------------------------------------------------------------------ public ABI

    function resolve(bytes calldata name, bytes calldata data) external view returns (bytes memory, address) {
        _return(_resolve(name, data, _localGateway()));
    }

    function resolveWithGateways(bytes calldata name, bytes calldata data, string[] calldata gateways) external view returns (bytes memory, address) {
        _return(_resolve(name, data, gateways));
    }

    function reverse(bytes calldata lookupAddress, uint256 coinType) external view returns (string memory, address, address) {
        _return(_reverse(lookupAddress, coinType, _localGateway()));
    }

    function reverseWithGateways(bytes calldata lookupAddress, uint256 coinType, string[] calldata gateways)
        external
        view
        returns (string memory, address, address)
    {
        _return(_reverse(lookupAddress, coinType, gateways));
    }

    /// The callback of every OffchainLookup this contract raises: `response` is the batch gateway's
    /// answer to one query, `extraData` the Step that asked. Returns what the original function returns.
    function ccipCallback(bytes calldata response, bytes calldata extraData) external view returns (bytes memory) {
        (Step memory step, bytes4 innerCallback, bytes memory innerExtraData) = abi.decode(extraData, (Step, bytes4, bytes));
        (bool[] memory failures, bytes[] memory responses) = abi.decode(response, (bool[], bytes[]));
        if (failures.length != 1 || responses.length != 1) revert ResolverError(response);
        if (failures[0]) {
            bytes memory failure = responses[0];
            if (failure.length >= 4 && bytes4(failure) == HTTP_ERROR) _revertWith(failure);
            revert ResolverError(failure);
        }
        bytes memory callbackData = abi.encodeWithSelector(innerCallback, responses[0], innerExtraData);
        // The resolver's callback answers as `resolve` would (extended) or as the profile function would.
        _return(_continue(step, _callResolver(step, callbackData)));
    }

    // ------------------------------------------------------------------ lookups

    function _resolve(bytes calldata name, bytes calldata data, string[] memory gateways) private view returns (bytes memory) {
        Step memory step;
        step.kind = RESOLVE;
        step.name = name;
        step.callData = data;
        step.gateways = gateways;
        (step.resolver, step.extended) = _findResolver(name);
        return _continue(step, _callResolver(step, _resolverCallData(step)));
    }

    function _reverse(bytes calldata lookupAddress, uint256 coinType, string[] memory gateways) private view returns (bytes memory) {
        Step memory step;
        step.kind = REVERSE_NAME;
        step.lookupAddress = lookupAddress;
        step.coinType = coinType;
        step.gateways = gateways;
        step.name = _reverseName(lookupAddress, coinType);
        (step.resolver, step.extended) = _findResolver(step.name);
        step.reverseResolver = step.resolver;
        step.callData = abi.encodeWithSelector(NAME, _namehash(step.name, 0));
        return _continue(step, _callResolver(step, _resolverCallData(step)));
    }

    /// Given a resolver's answer for `step`, the final return data (or the next lookup).
    function _continue(Step memory step, bytes memory answer) private view returns (bytes memory) {
        if (step.extended) answer = abi.decode(answer, (bytes));
        if (step.kind == RESOLVE) return abi.encode(answer, step.resolver);
        if (step.kind == REVERSE_NAME) {
            string memory primary = answer.length == 0 ? "" : abi.decode(answer, (string));
            if (bytes(primary).length == 0) return abi.encode("", address(0), step.reverseResolver);
            // The primary name counts only if it resolves back to the address (checked forward).
            step.kind = REVERSE_ADDR;
            step.primary = primary;
            step.name = _dnsEncode(primary);
            (step.resolver, step.extended) = _findResolver(step.name);
            bytes32 node = _namehash(step.name, 0);
            step.callData = step.coinType == COIN_TYPE_ETH
                ? abi.encodeWithSelector(ADDR, node)
                : abi.encodeWithSelector(ADDR_COIN, node, step.coinType);
            return _continue(step, _callResolver(step, _resolverCallData(step)));
        }
        // REVERSE_ADDR
        bytes memory resolved = step.coinType == COIN_TYPE_ETH
            ? abi.encodePacked(abi.decode(answer, (address)))
            : abi.decode(answer, (bytes));
        if (keccak256(resolved) != keccak256(step.lookupAddress)) revert ReverseAddressMismatch(step.primary, resolved);
        return abi.encode(step.primary, step.resolver, step.reverseResolver);
    }

    function _resolverCallData(Step memory step) private pure returns (bytes memory) {
        if (step.extended) return abi.encodeCall(IExtendedResolver.resolve, (step.name, step.callData));
        return step.callData;
    }

    /// Calls the resolver; an OffchainLookup from it is raised again as this contract's own,
    /// through the batch gateway, with the step carried in extraData.
    function _callResolver(Step memory step, bytes memory data) private view returns (bytes memory) {
        (bool ok, bytes memory ret) = step.resolver.staticcall(data);
        if (ok) return ret;
        if (ret.length >= 4 && bytes4(ret) == OFFCHAIN_LOOKUP) {
            (address sender, string[] memory urls, bytes memory callData, bytes4 callback, bytes memory extra) =
                abi.decode(_slice(ret, 4), (address, string[], bytes, bytes4, bytes));
            if (sender != step.resolver) revert ResolverError(ret);
            IBatchGateway.Query[] memory queries = new IBatchGateway.Query[](1);
            queries[0] = IBatchGateway.Query(sender, urls, callData);
            revert OffchainLookup(
                address(this),
                step.gateways,
                abi.encodeCall(IBatchGateway.query, (queries)),
                this.ccipCallback.selector,
                abi.encode(step, callback, extra)
            );
        }
        // A resolver without the profile reverts with nothing (no such function).
        if (ret.length == 0) revert UnsupportedResolverProfile(bytes4(step.callData));
        revert ResolverError(ret);
    }

    /// ENSIP-10: the resolver of the name or of its nearest parent that has one; a parent's resolver
    /// must be an extended (wildcard) resolver.
    function _findResolver(bytes memory name) private view returns (address resolver, bool extended) {
        uint256 offset = 0;
        while (true) {
            bytes32 node = _namehash(name, offset);
            resolver = registry.resolver(node);
            if (resolver != address(0)) break;
            if (offset >= name.length || name[offset] == 0) revert ResolverNotFound(name);
            offset += uint8(name[offset]) + 1;
        }
        if (resolver.code.length == 0) revert ResolverNotContract(name, resolver);
        extended = _supports(resolver, EXTENDED_RESOLVER);
        if (offset != 0 && !extended) revert ResolverNotFound(name);
    }

    function _supports(address target, bytes4 interfaceId) private view returns (bool) {
        (bool ok, bytes memory ret) = target.staticcall{gas: 30_000}(abi.encodeWithSelector(0x01ffc9a7, interfaceId));
        return ok && ret.length >= 32 && abi.decode(ret, (bool));
    }

    // ------------------------------------------------------------------ names

    /// The namehash (EIP-137) of the DNS-encoded name from `offset`; a label written as
    /// `[64 hex digits]` is that labelhash itself (how clients encode labels over 255 bytes).
    function _namehash(bytes memory name, uint256 offset) private pure returns (bytes32) {
        if (offset >= name.length) revert DNSDecodingFailed(name);
        uint256 length = uint8(name[offset]);
        if (length == 0) {
            if (offset != name.length - 1) revert DNSDecodingFailed(name);
            return bytes32(0);
        }
        if (offset + 1 + length >= name.length) revert DNSDecodingFailed(name);
        bytes32 parent = _namehash(name, offset + 1 + length);
        return keccak256(abi.encodePacked(parent, _labelhash(name, offset + 1, length)));
    }

    function _labelhash(bytes memory name, uint256 start, uint256 length) private pure returns (bytes32 hash) {
        if (length == 66 && name[start] == "[" && name[start + 65] == "]") {
            uint256 value = 0;
            for (uint256 i = 1; i < 65; i++) value = (value << 4) | _hexDigit(name, uint8(name[start + i]));
            return bytes32(value);
        }
        assembly {
            hash := keccak256(add(add(name, 32), start), length)
        }
    }

    function _hexDigit(bytes memory name, uint8 c) private pure returns (uint256) {
        if (c >= 48 && c <= 57) return c - 48;
        if (c >= 97 && c <= 102) return c - 87;
        if (c >= 65 && c <= 70) return c - 55;
        revert DNSDecodingFailed(name);
    }

    /// "a.b.eth" -> 0x01 'a' 0x01 'b' 0x03 'eth' 0x00
    function _dnsEncode(string memory text) private pure returns (bytes memory out) {
        bytes memory s = bytes(text);
        out = new bytes(s.length + 2);
        uint256 labelStart = 0;
        for (uint256 i = 0; i <= s.length; i++) {
            if (i == s.length || s[i] == ".") {
                uint256 length = i - labelStart;
                if (length == 0 || length > 255) revert DNSDecodingFailed(s);
                out[labelStart] = bytes1(uint8(length));
                for (uint256 j = labelStart; j < i; j++) out[j + 1] = s[j];
                labelStart = i + 1;
            }
        }
        out[s.length + 1] = 0;
    }

    /// ENSIP-19: `<hex address>.addr.reverse` for Ethereum, `<hex address>.<hex coin type>.reverse` otherwise.
    function _reverseName(bytes calldata lookupAddress, uint256 coinType) private pure returns (bytes memory) {
        if (lookupAddress.length == 0 || lookupAddress.length > 127) revert DNSDecodingFailed(lookupAddress);
        string memory label = _toHex(lookupAddress);
        string memory namespace = coinType == COIN_TYPE_ETH ? "addr" : _toHex(abi.encodePacked(coinType));
        if (coinType != COIN_TYPE_ETH) namespace = _trimZeros(namespace);
        return _dnsEncode(string.concat(label, ".", namespace, ".reverse"));
    }

    function _toHex(bytes memory data) private pure returns (string memory) {
        bytes memory digits = "0123456789abcdef";
        bytes memory out = new bytes(data.length * 2);
        for (uint256 i = 0; i < data.length; i++) {
            out[2 * i] = digits[uint8(data[i]) >> 4];
            out[2 * i + 1] = digits[uint8(data[i]) & 0xf];
        }
        return string(out);
    }

    function _trimZeros(string memory hexText) private pure returns (string memory) {
        bytes memory s = bytes(hexText);
        uint256 start = 0;
        while (start + 1 < s.length && s[start] == "0") start++;
        return string(_slice(s, start));
    }

    // ------------------------------------------------------------------ plumbing

    function _localGateway() private pure returns (string[] memory gateways) {
        gateways = new string[](1);
        gateways[0] = "x-batch-gateway:true";
    }

    function _slice(bytes memory data, uint256 start) private pure returns (bytes memory out) {
        out = new bytes(data.length - start);
        for (uint256 i = 0; i < out.length; i++) out[i] = data[start + i];
    }

    /// Returns already ABI-encoded return data as the function's own.
    function _return(bytes memory data) private pure {
        assembly {
            return(add(data, 32), mload(data))
        }
    }

    function _revertWith(bytes memory data) private pure {
        assembly {
            revert(add(data, 32), mload(data))
        }
    }
}
