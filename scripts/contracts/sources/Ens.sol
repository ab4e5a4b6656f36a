// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// The devnet's ENS: a registry (ENSIP-1 / EIP-137), a public resolver and the addr.reverse
// registrar, written for Latchkey against the published interfaces (the selectors and events
// clients rely on), so that viem's ENS actions and the Universal Resolver work on the devnet as
// they do on mainnet. Not a copy of the ENS DAO's contracts: no registrar controllers, no name
// wrapper, no expiry; names are handed out by the root owner.

/// ENSIP-1 registry: who owns a node, which resolver answers for it, and its TTL.
contract EnsRegistry {
    struct Record {
        address owner;
        address resolver;
        uint64 ttl;
    }

    mapping(bytes32 => Record) private records;
    mapping(address => mapping(address => bool)) private operators;

    event NewOwner(bytes32 indexed node, bytes32 indexed label, address owner);
    event Transfer(bytes32 indexed node, address owner);
    event NewResolver(bytes32 indexed node, address resolver);
    event NewTTL(bytes32 indexed node, uint64 ttl);
    event ApprovalForAll(address indexed owner, address indexed operator, bool approved);

    error Unauthorised(bytes32 node, address caller);

    constructor() {
        records[bytes32(0)].owner = msg.sender;
    }

    modifier authorised(bytes32 node) {
        address holder = records[node].owner;
        if (holder != msg.sender && !operators[holder][msg.sender]) revert Unauthorised(node, msg.sender);
        _;
    }

    function setRecord(bytes32 node, address owner_, address resolver_, uint64 ttl_) external {
        setOwner(node, owner_);
        _setResolverAndTtl(node, resolver_, ttl_);
    }

    function setSubnodeRecord(bytes32 node, bytes32 label, address owner_, address resolver_, uint64 ttl_) external {
        bytes32 subnode = setSubnodeOwner(node, label, owner_);
        _setResolverAndTtl(subnode, resolver_, ttl_);
    }

    function setOwner(bytes32 node, address owner_) public authorised(node) {
        records[node].owner = owner_;
        emit Transfer(node, owner_);
    }

    function setSubnodeOwner(bytes32 node, bytes32 label, address owner_) public authorised(node) returns (bytes32 subnode) {
        subnode = keccak256(abi.encodePacked(node, label));
        records[subnode].owner = owner_;
        emit NewOwner(node, label, owner_);
    }

    function setResolver(bytes32 node, address resolver_) public authorised(node) {
        records[node].resolver = resolver_;
        emit NewResolver(node, resolver_);
    }

    function setTTL(bytes32 node, uint64 ttl_) public authorised(node) {
        records[node].ttl = ttl_;
        emit NewTTL(node, ttl_);
    }

    function setApprovalForAll(address operator, bool approved) external {
        operators[msg.sender][operator] = approved;
        emit ApprovalForAll(msg.sender, operator, approved);
    }

    function owner(bytes32 node) external view returns (address) {
        address holder = records[node].owner;
        // The registry owning a node means nobody does (as in the ENS registry).
        return holder == address(this) ? address(0) : holder;
    }

    function resolver(bytes32 node) external view returns (address) {
        return records[node].resolver;
    }

    function ttl(bytes32 node) external view returns (uint64) {
        return records[node].ttl;
    }

    function recordExists(bytes32 node) external view returns (bool) {
        return records[node].owner != address(0);
    }

    function isApprovedForAll(address owner_, address operator) external view returns (bool) {
        return operators[owner_][operator];
    }

    function _setResolverAndTtl(bytes32 node, address resolver_, uint64 ttl_) private {
        if (resolver_ != records[node].resolver) {
            records[node].resolver = resolver_;
            emit NewResolver(node, resolver_);
        }
        if (ttl_ != records[node].ttl) {
            records[node].ttl = ttl_;
            emit NewTTL(node, ttl_);
        }
    }
}

/// A public resolver: whoever owns a node in the registry (or their operator) sets its records.
/// Profiles: addr (ENSIP-1), multicoin addr (ENSIP-9), name (reverse, ENSIP-3), text (ENSIP-5),
/// contenthash (ENSIP-7), and ERC-165.
contract PublicResolver {
    EnsRegistry public immutable ens;

    uint256 private constant COIN_TYPE_ETH = 60;

    mapping(bytes32 => mapping(uint256 => bytes)) private addresses;
    mapping(bytes32 => string) private names;
    mapping(bytes32 => mapping(string => string)) private texts;
    mapping(bytes32 => bytes) private hashes;

    event AddrChanged(bytes32 indexed node, address a);
    event AddressChanged(bytes32 indexed node, uint256 coinType, bytes newAddress);
    event NameChanged(bytes32 indexed node, string name);
    event TextChanged(bytes32 indexed node, string indexed indexedKey, string key, string value);
    event ContenthashChanged(bytes32 indexed node, bytes hash);

    error Unauthorised(bytes32 node, address caller);

    constructor(EnsRegistry ens_) {
        ens = ens_;
    }

    modifier authorised(bytes32 node) {
        address holder = ens.owner(node);
        if (holder != msg.sender && !ens.isApprovedForAll(holder, msg.sender)) revert Unauthorised(node, msg.sender);
        _;
    }

    function setAddr(bytes32 node, address a) external authorised(node) {
        _setAddr(node, COIN_TYPE_ETH, abi.encodePacked(a));
    }

    function setAddr(bytes32 node, uint256 coinType, bytes calldata a) external authorised(node) {
        _setAddr(node, coinType, a);
    }

    function addr(bytes32 node) external view returns (address payable) {
        bytes memory a = addresses[node][COIN_TYPE_ETH];
        if (a.length == 0) return payable(address(0));
        return payable(address(bytes20(a)));
    }

    function addr(bytes32 node, uint256 coinType) external view returns (bytes memory) {
        return addresses[node][coinType];
    }

    function setName(bytes32 node, string calldata newName) external authorised(node) {
        names[node] = newName;
        emit NameChanged(node, newName);
    }

    function name(bytes32 node) external view returns (string memory) {
        return names[node];
    }

    function setText(bytes32 node, string calldata key, string calldata value) external authorised(node) {
        texts[node][key] = value;
        emit TextChanged(node, key, key, value);
    }

    function text(bytes32 node, string calldata key) external view returns (string memory) {
        return texts[node][key];
    }

    function setContenthash(bytes32 node, bytes calldata hash) external authorised(node) {
        hashes[node] = hash;
        emit ContenthashChanged(node, hash);
    }

    function contenthash(bytes32 node) external view returns (bytes memory) {
        return hashes[node];
    }

    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == 0x01ffc9a7 // ERC-165
            || interfaceId == 0x3b3b57de // addr(bytes32)
            || interfaceId == 0xf1cb7e06 // addr(bytes32,uint256)
            || interfaceId == 0x691f3431 // name(bytes32)
            || interfaceId == 0x59d1d43c // text(bytes32,string)
            || interfaceId == 0xbc1c58d1; // contenthash(bytes32)
    }

    function _setAddr(bytes32 node, uint256 coinType, bytes memory a) private {
        addresses[node][coinType] = a;
        emit AddressChanged(node, coinType, a);
        if (coinType == COIN_TYPE_ETH) emit AddrChanged(node, a.length == 0 ? address(0) : address(bytes20(a)));
    }
}

/// The addr.reverse registrar (ENSIP-3): an address claims `<hex address>.addr.reverse` and sets
/// the primary name its reverse record points to. Controllers (the devnet's deployer) may do it
/// for an address, so the devnet sets a dev account's record without spending from that account.
contract ReverseRegistrar {
    // namehash("addr.reverse")
    bytes32 public constant ADDR_REVERSE_NODE = 0x91d1777781884d03a6757a803996e38de2a42967fb37eeaca72729271025a9e2;

    EnsRegistry public immutable ens;
    PublicResolver public immutable defaultResolver;
    address public immutable admin;
    mapping(address => bool) public controllers;

    event ReverseClaimed(address indexed addr, bytes32 indexed node);
    event ControllerChanged(address indexed controller, bool enabled);

    error Unauthorised(address addr, address caller);

    constructor(EnsRegistry ens_, PublicResolver resolver_) {
        ens = ens_;
        defaultResolver = resolver_;
        admin = msg.sender;
    }

    function setController(address controller, bool enabled) external {
        if (msg.sender != admin) revert Unauthorised(controller, msg.sender);
        controllers[controller] = enabled;
        emit ControllerChanged(controller, enabled);
    }

    /// The caller's own primary name.
    function setName(string calldata primary) external returns (bytes32) {
        return _setNameForAddr(msg.sender, msg.sender, primary);
    }

    function setNameForAddr(address addr, address owner, string calldata primary) external returns (bytes32) {
        if (addr != msg.sender && !controllers[msg.sender] && !ens.isApprovedForAll(addr, msg.sender)) revert Unauthorised(addr, msg.sender);
        return _setNameForAddr(addr, owner, primary);
    }

    function node(address addr) public pure returns (bytes32) {
        return keccak256(abi.encodePacked(ADDR_REVERSE_NODE, sha3HexAddress(addr)));
    }

    /// keccak256 of the address as 40 lower-case hex digits (the reverse label).
    function sha3HexAddress(address addr) public pure returns (bytes32) {
        bytes memory digits = "0123456789abcdef";
        bytes memory out = new bytes(40);
        uint160 value = uint160(addr);
        for (uint256 i = 40; i > 0; i--) {
            out[i - 1] = digits[value & 0xf];
            value >>= 4;
        }
        return keccak256(out);
    }

    function _setNameForAddr(address addr, address owner, string calldata primary) private returns (bytes32 reverseNode) {
        bytes32 label = sha3HexAddress(addr);
        // Own the node while the resolver's record is written (the resolver checks the registry), then hand it over.
        reverseNode = ens.setSubnodeOwner(ADDR_REVERSE_NODE, label, address(this));
        ens.setResolver(reverseNode, address(defaultResolver));
        defaultResolver.setName(reverseNode, primary);
        ens.setOwner(reverseNode, owner);
        emit ReverseClaimed(addr, reverseNode);
    }
}
