import { type Abi, parseAbi } from 'viem'

/** The rescue actions' functions, and what the review decodes without a pasted ABI. */
export const erc20Abi = parseAbi([
  'function transfer(address to, uint256 amount) returns (bool)',
  'function approve(address spender, uint256 amount) returns (bool)',
  'function transferFrom(address from, address to, uint256 amount) returns (bool)',
  'function balanceOf(address owner) view returns (uint256)',
  'function allowance(address owner, address spender) view returns (uint256)',
  'function decimals() view returns (uint8)',
  'function symbol() view returns (string)',
  'function name() view returns (string)',
  'function totalSupply() view returns (uint256)',
])

export const erc721Abi = parseAbi([
  'function safeTransferFrom(address from, address to, uint256 tokenId)',
  'function safeTransferFrom(address from, address to, uint256 tokenId, bytes data)',
  'function setApprovalForAll(address operator, bool approved)',
  'function ownerOf(uint256 tokenId) view returns (address)',
  'function getApproved(uint256 tokenId) view returns (address)',
  'function isApprovedForAll(address owner, address operator) view returns (bool)',
])

/** WETH9's own functions (its transfer/approve are ERC-20's). */
export const wethAbi = parseAbi(['function deposit() payable', 'function withdraw(uint256 amount)'])

/**
 * The standards the review knows, in the order they are tried. ERC-20 and ERC-721 share the
 * selectors of approve and transferFrom: the ERC-20 names are shown, with the standard saying both.
 */
export const knownAbis: readonly { source: string; abi: Abi }[] = [
  { source: 'ERC-20', abi: erc20Abi },
  { source: 'ERC-721', abi: erc721Abi },
  { source: 'WETH', abi: wethAbi },
]

/** OpenZeppelin 5's ERC-20/721 custom errors (IERC6093), so a token's revert reads as words. */
export const standardErrorsAbi = parseAbi([
  'error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)',
  'error ERC20InvalidSender(address sender)',
  'error ERC20InvalidReceiver(address receiver)',
  'error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)',
  'error ERC20InvalidApprover(address approver)',
  'error ERC20InvalidSpender(address spender)',
  'error ERC721InvalidOwner(address owner)',
  'error ERC721NonexistentToken(uint256 tokenId)',
  'error ERC721IncorrectOwner(address sender, uint256 tokenId, address owner)',
  'error ERC721InvalidSender(address sender)',
  'error ERC721InvalidReceiver(address receiver)',
  'error ERC721InsufficientApproval(address operator, uint256 tokenId)',
  'error ERC721InvalidApprover(address approver)',
  'error ERC721InvalidOperator(address operator)',
])
