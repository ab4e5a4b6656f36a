import { describe, expect, it } from 'vitest'
import type { AcceptedAnswer } from '../../../src/lib/rpc/recordEvidence.ts'
import { summarizeReadEvidence } from '../../../src/lib/rpc/summarizeReadEvidence.ts'

const account = (address: string, nodes: number, slots: number[] = []) => ({
  address, balance: '0x1', nonce: '0x0', codeHash: `0x${'c'.repeat(64)}`, storageHash: `0x${address.slice(2, 4).repeat(32)}`,
  accountProof: Array.from({ length: nodes }, (_, i) => `0x0${i}`),
  storageProof: slots.map((n, i) => ({ key: `0x${i}`, value: '0x1', proof: Array.from({ length: n }, () => '0x00') })),
})
const answer = (url: string, calls: [string, unknown][]): AcceptedAnswer => ({
  url, requests: calls.map(([method]) => ({ method, params: [] })), results: calls.map(([, result]) => result),
})

describe('summarizeReadEvidence', () => {
  it('counts one account proof as an account read, naming the provider once', () => {
    const s = summarizeReadEvidence({ evidence: { answers: [answer('http://a', [['eth_getBlockByNumber', {}]]), answer('http://a', [['eth_getProof', account('0xaa', 7)]])] } })
    expect(s).toMatchObject({ kind: 'account', answered: ['http://a'], accounts: 1, accountNodes: 7, slots: 0, storageNodes: 0 })
    expect(s.account?.address).toBe('0xaa')
  })

  it('a call: every account and slot the EVM touched, the contract (the one with storage) as the account shown', () => {
    const s = summarizeReadEvidence({ evidence: { answers: [
      answer('http://a', [['eth_createAccessList', { accessList: [] }]]),
      answer('http://b', [['eth_getProof', account('0xaa', 5)], ['eth_getProof', account('0xbb', 6, [3, 4])]]),
    ] } })
    expect(s).toMatchObject({ kind: 'call', answered: ['http://a', 'http://b'], accounts: 2, accountNodes: 11, slots: 2, storageNodes: 7 })
    expect(s.account?.address).toBe('0xbb')
  })

  it('code: the bytes served beside the account proof', () => {
    const s = summarizeReadEvidence({ evidence: { answers: [answer('http://a', [['eth_getProof', account('0xaa', 4)], ['eth_getCode', '0x60016002']])] } })
    expect(s).toMatchObject({ kind: 'code', codeBytes: 4, accountNodes: 4 })
  })

  it("receipts: the block's count and the asked transaction's position", () => {
    const receipts = ['0x01', '0x02', '0x03'].map((n) => ({ transactionHash: `0x${n.slice(2).repeat(32)}`, cumulativeGasUsed: '0x1', logs: [] }))
    const s = summarizeReadEvidence({ evidence: { answers: [answer('http://a', [['eth_getBlockByHash', {}], ['eth_getBlockReceipts', receipts]])] }, transactionHash: `0x${'02'.repeat(32)}` })
    expect(s).toMatchObject({ kind: 'receipts', receipts: { count: 3, transactionIndex: 1, transactionHash: `0x${'02'.repeat(32)}` } })
    expect(summarizeReadEvidence({ evidence: { answers: [answer('http://a', [['eth_getBlockReceipts', receipts]])] }, transactionHash: `0x${'09'.repeat(32)}` }).receipts).toEqual({ count: 3 })
  })

  it('only headers (a history range kept without results): no account, the providers still named', () => {
    const s = summarizeReadEvidence({ evidence: { answers: [{ url: 'http://a', requests: [], results: [] }, { url: 'http://a', requests: [], results: [] }] } })
    expect(s).toMatchObject({ kind: 'headers', answered: ['http://a'], account: undefined, accounts: 0 })
  })

  it('a malformed proof result (null) is not counted as a proof', () => {
    const s = summarizeReadEvidence({ evidence: { answers: [answer('http://a', [['eth_getProof', null]])] } })
    expect(s).toMatchObject({ kind: 'headers', accounts: 0 })
  })
})
