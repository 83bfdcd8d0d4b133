import type { HazardEvent } from '../domain/schemas'
import { fromDay, toDay } from '../domain/days'

/**
 * A hazard's history as one compact blob: how the demo seed stores the events it generates
 * (≈ 60–90 bytes a hazard instead of ≈ 6 rows of ≈ 100 bytes and their index entries), expanded on
 * read into exactly the events that were written. Events recorded later live in hazard_events
 * and follow the blob's.
 *
 * Format 1 — stored data depends on it, so never change it; add format 2 beside it:
 *   u8 format (1) · u16 first day (days since 1970) · u8 event count ·
 *   per event, 8 bytes: u16 day − first day · u16 minute of the day · u8 actor · u8 action · u8 status after · u8 note ·
 *   u8 actor count, each actor u8 length + UTF-8 · the literal notes, each u16 length + UTF-8.
 * u16s are little-endian. Times are whole minutes in China's offset (+08:00), as the seed writes
 * them; an event's `from` is the previous event's `to` (none for the first). Note 0 is none, 255
 * the next literal note, any other a phrase of `notes` below.
 */
export const HISTORY_FORMAT = 1
export const historyActions: readonly HazardEvent['action'][] = ['report', 'assess', 'assign', 'start', 'rectify', 'verify', 'escalate', 'comment']
export const historyStatuses: ReadonlyArray<HazardEvent['to']> = ['reported', 'assessed', 'assigned', 'rectifying', 'rectified', 'closed']
/** Phrases the seed writes, by code − 1. Append only: a stored blob names them by position. */
export const historyNotes: readonly string[] = [
  '落实专人包保，每日巡查，限期整改到位',
  '下达整改通知书，督促责任单位限期整改',
  '加强人防物防技防措施，纳入重点管控',
  '会商研判，制定化解方案，明确责任人',
  '开展专项检查，建立整改台账，逐项销号',
  '涉及多个部门，村级无法解决，提请牵头单位会诊',
  '情况紧急，存在扩大风险',
  '整改难度大，需镇级协调资金',
  '当事人情绪激烈，需联合稳控',
  '整改不彻底，退回重新整改',
  '佐证材料不全，补充后再验收',
  '已按要求整改完毕，附整改照片',
  '现场整改到位',
  '已完成整改并建立长效机制',
  '现场当场整改',
  '现场核查，整改到位',
  '验收合格，予以销号',
]
/**
 * The demo's seeded rectifications have no photos (a seeded history holds no files). They carry this
 * reason instead, so that a second person can close them out in the demo as the four-eyes rule asks
 * (domain/lifecycle.ts); hazards reported through the app never get it.
 */
export const SEEDED_NO_PHOTO_REASON = '示例数据：整改照片留存于村级纸质台账'
export const LITERAL_NOTE = 255
const noteCodes = new Map(historyNotes.map((n, i) => [n, i + 1]))
/** The code a note is stored under: 0 for none, LITERAL_NOTE when it is not a known phrase. */
export const noteCode = (note: string | null): number => (note === null ? 0 : (noteCodes.get(note) ?? LITERAL_NOTE))
export const actionCode = new Map(historyActions.map((a, i) => [a, i]))
export const statusCode = new Map(historyStatuses.map((s, i) => [s, i]))

const EVENT_BYTES = 8
const encoder = new TextEncoder()
const decoder = new TextDecoder()
const actorBytes = new Map<string, Uint8Array>()
/** An actor's name as UTF-8, cached: a ledger names the same few hundred accounts. */
function utf8Actor(actor: string): Uint8Array {
  let bytes = actorBytes.get(actor)
  if (!bytes) {
    bytes = encoder.encode(actor)
    if (bytes.length > 255) throw new Error(`actor name too long for a history: ${actor}`)
    if (actorBytes.size < 100_000) actorBytes.set(actor, bytes)
  }
  return bytes
}

/**
 * Writes histories one after another into slabs of memory and hands out each as a view: a bulk
 * load stores millions without an object per event. Begin, add the events in order, finish.
 */
export class HistoryWriter {
  private slab = new Uint8Array(1 << 20)
  private start = 0
  private pos = 0
  private firstDay = 0
  private count = 0
  private readonly actors: string[] = []
  private readonly literals: string[] = []

  /** Room for n more bytes of the current history: a full slab is replaced, never reused, so views stay valid. */
  private ensure(n: number): void {
    if (this.pos + n <= this.slab.length) return
    const slab = new Uint8Array(Math.max(1 << 20, 2 * (this.pos - this.start + n)))
    slab.set(this.slab.subarray(this.start, this.pos))
    this.pos -= this.start
    this.start = 0
    this.slab = slab
  }

  begin(firstDay: number): void {
    this.start = this.pos
    this.ensure(4)
    this.firstDay = firstDay
    this.count = 0
    this.actors.length = 0
    this.literals.length = 0
    const s = this.slab
    s[this.pos] = HISTORY_FORMAT
    s[this.pos + 1] = firstDay & 0xff
    s[this.pos + 2] = firstDay >>> 8
    this.pos += 4
  }

  /** One event: its day and minute of the day (China time), actor, action, status after and note (codes above). */
  event(day: number, minuteOfDay: number, actor: string, action: number, to: number, note: number, literal: string | null = null): void {
    const offset = day - this.firstDay
    if (offset < 0 || offset > 0xffff || minuteOfDay < 0 || minuteOfDay >= 1440 || this.count === 255) throw new Error('event outside what a history can hold')
    let a = this.actors.indexOf(actor)
    if (a < 0) a = this.actors.push(actor) - 1
    if (note === LITERAL_NOTE) this.literals.push(literal ?? '')
    this.ensure(EVENT_BYTES)
    const s = this.slab
    const p = this.pos
    s[p] = offset & 0xff
    s[p + 1] = offset >>> 8
    s[p + 2] = minuteOfDay & 0xff
    s[p + 3] = minuteOfDay >>> 8
    s[p + 4] = a
    s[p + 5] = action
    s[p + 6] = to
    s[p + 7] = note
    this.pos = p + EVENT_BYTES
    this.count++
  }

  /** The finished history: a view of the slab, which is never written again where a view lies. */
  finish(): Uint8Array {
    this.ensure(1)
    this.slab[this.start + 3] = this.count
    this.slab[this.pos++] = this.actors.length
    for (const actor of this.actors) {
      const bytes = utf8Actor(actor)
      this.ensure(bytes.length + 1)
      const s = this.slab
      let p = this.pos
      s[p++] = bytes.length
      // a loop, not set(): names are a few bytes, where set()'s call costs more than the copy
      for (let i = 0; i < bytes.length; i++) s[p++] = bytes[i]!
      this.pos = p
    }
    for (const text of this.literals) {
      const bytes = encoder.encode(text)
      if (bytes.length > 0xffff) throw new Error('note too long for a history')
      this.ensure(bytes.length + 2)
      const s = this.slab
      s[this.pos] = bytes.length & 0xff
      s[this.pos + 1] = bytes.length >>> 8
      s.set(bytes, this.pos + 2)
      this.pos += bytes.length + 2
    }
    const view = this.slab.subarray(this.start, this.pos)
    this.start = this.pos
    return view
  }
}

const CHINA_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):00\+08:00$/

/** Encodes events of one hazard, or returns null when they do not fit format 1 (then store them as rows). */
export function encodeHistory(events: readonly HazardEvent[]): Uint8Array | null {
  if (events.length === 0 || events.length > 255) return null
  const writer = new HistoryWriter()
  let previous: HazardEvent['to'] | null = null
  let first = 0
  for (const [i, e] of events.entries()) {
    const m = CHINA_TIME.exec(e.at)
    const action = actionCode.get(e.action)
    const to = statusCode.get(e.to)
    if (!m || action === undefined || to === undefined || e.from !== previous || Buffer.byteLength(e.actor) > 255) return null
    const day = toDay(m[1]!)
    if (i === 0) writer.begin((first = day))
    if (day < first || day - first > 0xffff) return null
    const code = noteCode(e.note)
    if (code === LITERAL_NOTE && Buffer.byteLength(e.note!) > 0xffff) return null
    writer.event(day, Number(m[2]) * 60 + Number(m[3]), e.actor, action, to, code, code === LITERAL_NOTE ? e.note : null)
    previous = e.to
  }
  return writer.finish().slice()
}

/**
 * The times made so far, by day and minute of the day: a small map of days, each a list of its
 * minutes, where one map of half a million minutes sent each look into memory (the seed asks ≈ 4
 * times a hazard).
 */
const times = new Map<number, Array<string | undefined>>()
let timesKept = 0
/** Day and minute → the ISO time in China's offset; memoised, histories repeat them. */
export function chinaTime(day: number, minuteOfDay: number): string {
  let ofDay = times.get(day)
  let text = ofDay?.[minuteOfDay]
  if (text === undefined) {
    const h = Math.floor(minuteOfDay / 60)
    const m = minuteOfDay % 60
    text = `${fromDay(day)}T${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}:00+08:00`
    if (timesKept < 500_000 && minuteOfDay >= 0 && minuteOfDay < 1440 && Number.isInteger(minuteOfDay)) {
      if (!ofDay) times.set(day, (ofDay = new Array<string | undefined>(1440).fill(undefined)))
      ofDay[minuteOfDay] = text
      timesKept++
    }
  }
  return text
}

/** The events a history holds, as the hazard's first events. */
export function decodeHistory(hazardId: number, blob: Uint8Array): HazardEvent[] {
  if (blob[0] !== HISTORY_FORMAT) throw new Error(`hazard ${hazardId}: unknown history format ${blob[0]}`)
  const firstDay = blob[1]! | (blob[2]! << 8)
  const count = blob[3]!
  let p = 4 + count * EVENT_BYTES
  const actors: string[] = []
  for (let k = blob[p++]!; k > 0; k--) {
    const length = blob[p++]!
    actors.push(decoder.decode(blob.subarray(p, p + length)))
    p += length
  }
  const events: HazardEvent[] = []
  let from: HazardEvent['from'] = null
  for (let i = 0, q = 4; i < count; i++, q += EVENT_BYTES) {
    const day = firstDay + (blob[q]! | (blob[q + 1]! << 8))
    const minute = blob[q + 2]! | (blob[q + 3]! << 8)
    const to = historyStatuses[blob[q + 6]!]!
    const code = blob[q + 7]!
    let note: string | null = null
    if (code === LITERAL_NOTE) {
      const length = blob[p]! | (blob[p + 1]! << 8)
      note = decoder.decode(blob.subarray(p + 2, p + 2 + length))
      p += length + 2
    } else if (code > 0) note = historyNotes[code - 1]!
    const action = historyActions[blob[q + 5]!]
    const actor = actors[blob[q + 4]!]
    if (action === undefined || actor === undefined || to === undefined || (code > 0 && note === undefined)) throw new Error(`hazard ${hazardId}: damaged history`)
    events.push({ hazardId, at: chinaTime(day, minute), actor, action, note, from, to })
    from = to
  }
  return events
}

/**
 * A seeded hazard's events as the store gives them back: its compact history decoded, each
 * rectification with the demo's reason for having no after-photo (SEEDED_NO_PHOTO_REASON).
 */
export function seededEvents(hazardId: number, blob: Uint8Array): HazardEvent[] {
  return decodeHistory(hazardId, blob).map((e) => (e.action === 'rectify' ? { ...e, noPhotoReason: SEEDED_NO_PHOTO_REASON } : e))
}
