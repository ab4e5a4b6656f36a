/** "12 s", "16 min", "3 h", "2 days": how old a verified header is, for messages and screens. */
export function formatAge({ seconds }: { seconds: number }): string {
  const s = Math.max(0, Math.floor(seconds))
  if (s < 60) return `${s} s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m} min`
  const h = Math.floor(m / 60)
  if (h < 48) return `${h} h`
  return `${Math.floor(h / 24)} days`
}
