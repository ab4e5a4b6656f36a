import { describe, expect, it } from 'vitest'
import { wayForward } from '../../../src/ui/display/errorText.ts'

describe('wayForward', () => {
  it('tells what to do when the light client refused a forged sync committee', () => {
    expect(wayForward('InvalidSyncCommitteeError')).toMatch(/forged.*trusted checkpoint.*faulty/s)
  })
  it('has nothing to add for an error without a way forward', () => {
    expect(wayForward('NetworkError')).toBeUndefined()
  })
})
