import { BaseError } from '../../errors.ts'

/** A BLS public key that decodes but is the point at infinity (it would make any signature valid for it). */
export class BlsKeyAtInfinityError extends BaseError {
  override name = 'BlsKeyAtInfinityError' as const
  constructor() {
    super('The BLS public key is the point at infinity.')
  }
}
