/**
 * Public JSON-RPC endpoints known to serve eth_getProof, per chain id; a starting point the user
 * can edit (Settings). They are untrusted: every answer is verified, a lying one is marked faulty.
 * (Not probed from this build machine, which has no internet access.)
 */
export const defaultRpcs: Readonly<Record<number, readonly string[]>> = {
  1: ['https://ethereum-rpc.publicnode.com', 'https://eth.drpc.org', 'https://1rpc.io/eth', 'https://eth.llamarpc.com'],
  11155111: ['https://ethereum-sepolia-rpc.publicnode.com', 'https://sepolia.drpc.org', 'https://1rpc.io/sepolia'],
  17000: ['https://ethereum-holesky-rpc.publicnode.com', 'https://holesky.drpc.org'],
  560048: ['https://ethereum-hoodi-rpc.publicnode.com', 'https://hoodi.drpc.org'],
}
