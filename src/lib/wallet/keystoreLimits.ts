/**
 * What Latchkey opens. A keystore's KDF settings are chosen by whoever wrote the file, so past
 * these a file is a denial of service (a frozen tab, gigabytes of memory), not a keystore. geth's
 * "standard" scrypt (n=2^18, r=8, p=1) and the Web3 Secret Storage test vectors (scrypt n=2^18,
 * r=1, p=8; pbkdf2 c=2^18) sit at or well inside them.
 */
export const keystoreLimits = {
  /** scrypt cost 128·r·n·p bytes: the memory of one lane (128·r·n) times the lanes run one after another. */
  scryptMaxCostBytes: 256 * 1024 * 1024,
  scryptMaxP: 16,
  pbkdf2MaxIterations: 10_000_000,
  /** The spec uses 32 bytes of the derived key (AES key + MAC key); more is waste, so a little slack only. */
  dkLen: { min: 32, max: 64 },
  /** geth, ethers, MetaMask, MyEtherWallet and Latchkey write 32. */
  saltBytes: { min: 16, max: 64 },
  ivBytes: 16,
  macBytes: 32,
  /** A secp256k1 private key. */
  ciphertextBytes: 32,
} as const
