import { describe, expect, it } from 'vitest'
import { refusalPage } from '../../src/sw/refusalPage.ts'

const status = {
  cid: 'bafy-test',
  gateways: [{ url: 'http://evil.example/<style>body{display:none}</style>', faulty: true, error: { name: 'BlockMismatchError', message: '<b>bad</b>' } }],
  error: { fault: true },
} as never

describe('the refusal page the service worker serves instead of an unverified copy', () => {
  it('allows its one stylesheet by a fresh nonce, never \'unsafe-inline\', and runs no script', async () => {
    const response = refusalPage(status)
    const policy = response.headers.get('content-security-policy')!
    const html = await response.text()
    const nonce = /style-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1]
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/) // 16 random bytes
    expect(policy).not.toContain('unsafe-inline')
    expect(policy).toMatch(/^default-src 'none'; /)
    expect(html.match(/<style[^>]*>/g)).toEqual([`<style nonce="${nonce}">`])
    expect(html).not.toMatch(/\sstyle=/)
    expect(html).not.toMatch(/<script/i)
    // What a gateway said is text, so the nonce cannot be borrowed by markup it sent.
    expect(html).toContain('&#60;style&#62;body{display:none}&#60;/style&#62;')
    expect(html).toContain('&#60;b&#62;bad&#60;/b&#62;')
    const again = refusalPage(status).headers.get('content-security-policy')!
    expect(again).not.toBe(policy)
  })
})
