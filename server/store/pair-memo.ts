/**
 * A function of two strings, remembered: each pair's answer made once, looked up by the one string
 * and then the other, with no key string made per call (the text indexes ask it for every hazard's
 * title and description, which a ledger repeats at many hazards). Bounded: emptied when it holds
 * `max` answers, as a server keeps it for months.
 */
export function pairMemo<T>(max: number, make: (a: string, b: string) => T): (a: string, b: string) => T {
  const memo = new Map<string, Map<string, T>>()
  let size = 0
  return (a, b) => {
    let byB = memo.get(a)
    const known = byB?.get(b)
    if (known !== undefined) return known
    const made = make(a, b)
    if (size >= max) {
      memo.clear()
      size = 0
      byB = undefined
    }
    if (!byB) memo.set(a, (byB = new Map()))
    byB.set(b, made)
    size++
    return made
  }
}
