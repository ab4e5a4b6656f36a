/** The sentence to show for any thrown value: the typed error's short message when it has one. */
export function errorText(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { shortMessage?: string; message?: string; details?: string }
    return e.shortMessage ?? e.message ?? String(error)
  }
  return String(error)
}
