import type { BulletinRow } from '../api/bulletins'

/** Rows as the bulletin ranks them (1 = best, ties share a rank), then by name for a stable order. */
export function rankedRows(rows: readonly BulletinRow[]): BulletinRow[] {
  return [...rows].sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name, 'zh-CN'))
}

/** Where the printable page of a month lives in the app. */
export function bulletinPath(month: string): string {
  return `/bulletin/${month}`
}

/** A route parameter that names a month (YYYY-MM), or undefined. */
export function monthParam(value: unknown): string | undefined {
  return typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value) ? value : undefined
}
