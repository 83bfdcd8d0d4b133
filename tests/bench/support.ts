import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Runs fn n times (after a warm-up) and gives the p50 and p95 in milliseconds. */
export function timeIt(fn: () => unknown, n = 100): { p50: number; p95: number } {
  for (let i = 0; i < Math.min(10, n); i++) fn()
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    fn()
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  return { p50: times[Math.floor(n * 0.5)]!, p95: times[Math.floor(n * 0.95)]! }
}

export async function timeAsync(fn: () => Promise<unknown>, n = 100): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < Math.min(5, n); i++) await fn()
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    await fn()
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  return { p50: times[Math.floor(n * 0.5)]!, p95: times[Math.floor(n * 0.95)]! }
}

export const ms = (x: number) => `${x.toFixed(2)} ms`
export const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`

/** Prints a table and keeps it under test-output/bench for the closing note. */
export function report(name: string, rows: Array<Record<string, string | number>>): void {
  console.table(rows)
  const dir = join('test-output', 'bench')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(rows, null, 2))
}
