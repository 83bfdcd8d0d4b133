/**
 * The phone's "now" as the ledger counts it. A deployment's server keeps the real day, and then this
 * is the phone's own clock. A demo or test server may pin its day (AS_OF); the ledger's now is then
 * the clock's time of day on that day (server/services/hazard-times.ts, ledgerNow), and the phone
 * must stamp found/queued times the same way or the server finds them in the future.
 *
 * The gap is kept in whole days, measured whenever the server's day arrives (with the work queue)
 * and remembered on the phone: days later, offline, the same gap still holds, where a remembered
 * "today" would date a report on the day it was cached.
 */
const CHINA_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000
const STORAGE_KEY = 'pingan.phone.dayOffset'

/** Whole days from the phone's China date to the server's `today` (YYYY-MM-DD): 0 on a real deployment. */
export function dayOffset(today: string, clock = Date.now()): number {
  const phoneDay = new Date(clock + CHINA_OFFSET_MS).toISOString().slice(0, 10)
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${phoneDay}T00:00:00Z`)) / DAY_MS)
}

/** The ledger's now (epoch ms) for a day gap. */
export function ledgerClock(offsetDays: number, clock = Date.now()): number {
  return clock + offsetDays * DAY_MS
}

/** The gap last measured on this phone (0 until the server has told its day). */
export function storedDayOffset(): number {
  const value = Number(globalThis.localStorage?.getItem(STORAGE_KEY))
  return Number.isInteger(value) ? value : 0
}

export function storeDayOffset(offsetDays: number): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, String(offsetDays))
}

/** An instant with China's offset, as the server writes them: 2026-06-15T09:30:00+08:00. */
export function chinaIso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000 + CHINA_OFFSET_MS).toISOString().slice(0, 19) + '+08:00'
}
