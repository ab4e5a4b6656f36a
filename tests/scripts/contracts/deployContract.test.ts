import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPublicClient, http, parseAbi } from 'viem'
import type { Devnet } from '../../../scripts/devnet/startDevnet.ts'
import { startTestDevnet } from '../../helpers/devnet.ts'
import { compileContract, ContractCompileError } from '../../../scripts/contracts/compileContract.ts'
import { deployContract } from '../../../scripts/contracts/deployContract.ts'

describe('compiling and deploying the project contracts', () => {
  let devnet: Devnet
  beforeAll(async () => {
    devnet = await startTestDevnet()
  })
  afterAll(() => devnet?.stop())

  it('compiles the same bytecode twice (fixed settings)', async () => {
    const a = await compileContract('TestTokens.sol', 'TestToken')
    const b = await compileContract('TestTokens.sol', 'TestToken')
    expect(a.bytecode).toBe(b.bytecode)
    expect(a.bytecode.length).toBeGreaterThan(1000)
  })

  it('names a missing contract', async () => {
    await expect(compileContract('TestTokens.sol', 'Nope')).rejects.toThrow(ContractCompileError)
  })

  it('deploys an OpenZeppelin ERC-20 and ERC-721 on the devnet', async () => {
    const token = await deployContract({ rpcUrl: devnet.rpcUrl, file: 'TestTokens.sol', contract: 'TestToken', args: ['Test', 'TST', 6, 1_000_000n] })
    const nft = await deployContract({ rpcUrl: devnet.rpcUrl, file: 'TestTokens.sol', contract: 'TestNft', args: ['Nft', 'NFT'] })
    const client = createPublicClient({ transport: http(devnet.rpcUrl) })
    const abi = parseAbi(['function balanceOf(address) view returns (uint256)', 'function decimals() view returns (uint8)', 'function symbol() view returns (string)'])
    expect(await client.readContract({ address: token.address, abi, functionName: 'balanceOf', args: [token.deployer] })).toBe(1_000_000n)
    expect(await client.readContract({ address: token.address, abi, functionName: 'decimals' })).toBe(6)
    expect(await client.readContract({ address: nft.address, abi, functionName: 'symbol' })).toBe('NFT')
  })
})
