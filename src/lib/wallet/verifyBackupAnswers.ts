import { BackupCheckFailedError } from './errors.ts'

export type VerifyBackupAnswersParameters = {
  mnemonic: string
  /** 1-based position -> the word the user typed. */
  answers: Record<number, string>
  /** The positions that were asked (from createBackupChallenge); each must be answered. */
  positions: number[]
}

/** Throws BackupCheckFailedError listing the positions answered wrongly (or not at all). */
export function verifyBackupAnswers({ mnemonic, answers, positions }: VerifyBackupAnswersParameters): void {
  const words = mnemonic.normalize('NFKD').trim().toLowerCase().split(/\s+/)
  const wrong = positions.filter((p) => {
    const given = answers[p]
    return typeof given !== 'string' || given.normalize('NFKD').trim().toLowerCase() !== words[p - 1]
  })
  if (positions.length === 0) throw new RangeError('positions must not be empty')
  if (wrong.length > 0) throw new BackupCheckFailedError({ wrongPositions: wrong })
}
