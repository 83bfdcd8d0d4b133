import { chinaTime } from '../../store/history'
import type { Random } from '../random'

/**
 * The demo's three times of a hazard (issue 13): found (发现) in working hours, reported (登记)
 * mostly within minutes to a few hours, about 4 % late (26–150 h) and 0.5 % concealed (8–30 days),
 * several times more often in a few lax villages; received by the server when reported, except a
 * few phones that queued the report offline for hours. Times are whole minutes in China time.
 */

/** Share of villages that report late far more often than the rest, and how much more. */
const LAX_SHARE = 0.15
const LAX_FACTOR = 4
/** A lax village's rates are LAX_FACTOR times the rest's; tuned so the ledger comes out ≈ 4 % late and ≈ 0.5 % concealed. */
const SPREAD = 1 - LAX_SHARE + LAX_SHARE * LAX_FACTOR
const LATE = 0.036 / SPREAD
const CONCEALED = 0.0046 / SPREAD
/** Reports held on a phone without signal and received hours later. */
const OFFLINE = 0.03

const WORK_START = 8 * 60
const WORK_END = 18 * 60
const DAY = 1440
const LATE_MIN = 26 * 60
const LATE_MAX = 150 * 60

export class ReportTiming {
  private readonly lax: Uint8Array
  /** The last draw, as minutes since 1970-01-01 00:00 China time (day × 1440 + minute of the day). */
  found = 0
  reported = 0
  received = 0

  /** `villages`: how many; which are lax is drawn once here from `random`, which draws every time after. */
  constructor(villages: number, private readonly random: Random) {
    this.lax = Uint8Array.from({ length: villages }, () => (random.chance(LAX_SHARE) ? 1 : 0))
  }

  /** Draws the times of a hazard found on `day` in village `village` (its ordinal), none after `asOf`'s end. */
  draw(day: number, village: number, asOf: number): void {
    const r = this.random
    const found = day * DAY + r.int(WORK_START, WORK_END - 30)
    const factor = this.lax[village] ? LAX_FACTOR : 1
    const kind = r.next()
    const last = (asOf + 1) * DAY - 1
    let reported = -1
    if (kind < CONCEALED * factor) reported = this.laterDay(found, r.int(8, 30))
    else if (kind < (CONCEALED + LATE) * factor) {
      // Late: on a later working day, 26 to 150 hours on.
      for (let tries = 0; tries < 8 && (reported < found + LATE_MIN || reported > found + LATE_MAX); tries++) reported = this.laterDay(found, r.int(1, 6))
      if (reported < found + LATE_MIN || reported > found + LATE_MAX) reported = -1
    }
    if (reported < 0 || reported > last) reported = this.onTime(found, last)
    const offline = r.chance(OFFLINE) ? r.int(60, 8 * 60) : 0
    this.found = found
    this.reported = reported
    this.received = reported + offline <= last ? reported + offline : reported
  }

  /** Within the limit: most in minutes, some in hours, a few the next morning; never after `last`. */
  private onTime(found: number, last: number): number {
    const r = this.random
    const u = r.next()
    const foundMinute = found % DAY
    const nextMorning = found - foundMinute + DAY + r.int(WORK_START, Math.max(WORK_START, foundMinute - 1))
    const at = u < 0.6 ? found + r.int(5, 90) : u < 0.95 ? found + r.int(90, 360) : nextMorning
    return Math.min(at, last, found + 23 * 60)
  }

  /** A working-hours minute `days` after the day of `found`. */
  private laterDay(found: number, days: number): number {
    return found - (found % DAY) + days * DAY + this.random.int(WORK_START, WORK_END)
  }
}

/** Minutes since 1970 in China time → the ledger's instant text. */
export const minuteText = (minutes: number): string => chinaTime(Math.floor(minutes / DAY), minutes % DAY)
