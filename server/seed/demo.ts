import { createHash } from 'node:crypto'
import { bbox } from '@turf/turf'
import sharp, { type OutputInfo } from 'sharp'
import { BULK_HAZARD_WIDTH, type HazardSink, bulkHazardFields, bulkLoadOf } from '../store/bulk-load'
import { seededEvents } from '../store/history'
import type { Hazard, HazardEvent } from '../domain/schemas'
import type { Store } from '../store/types'
import { DEMO_PASSWORD, demoAccounts } from './accounts'
import { type Geography, type Scope, generateGeography } from './geography'
import { generateLedger } from './ledger'
import { type LedgerRest, type LedgerSource, inThread, ledgerWorker } from './ledger/threaded'
import { planPosts } from './posts'
import { seedSupervision } from './supervision'
import { seedWarnings } from './warnings'
import { hashPassword } from '../services/auth/password'
import { photoFilesFor } from '../services/photo-files'

export interface DemoOptions {
  seed: number
  scope: Scope
  asOf: string
  /** hazards in the campaign year; by default a few thousand a town */
  hazards?: number
  /** VAR_DIR/photos: given, some recent key-site checks get a small photo, kept where the store keeps photos (this directory, or PostgreSQL's photo_files) */
  photoDir?: string
  /**
   * Whether the ledger is generated on a worker thread while this one loads it (the same ledger
   * either way); by default from WORKER_HAZARDS hazards on, below which the worker's start costs more than it saves.
   */
  worker?: boolean
}

/** From this many hazards the demo's ledger is generated on a worker thread (a worker takes ≈ 0.3 s to start). */
export const WORKER_HAZARDS = 10_000

export interface SeedReport {
  areas: number
  sites: number
  hazards: number
  events: number
  inspections: number
  persons: number
  users: number
  generateMs: number
  loadMs: number
  /**
   * Of loadMs, what follows the ledger: the accounts, the supervision and the warnings' history
   * written through the services (wall time, and the process's CPU time, which counts the password
   * hashing's threads too). The benches show it apart from the ledger's load.
   */
  afterLedgerMs: number
  afterLedgerCpuMs: number
}

/** where a flat row holds the hazard's version, which is its count of events */
const VERSION = bulkHazardFields.indexOf('version')

export const defaultHazards = (scope: Scope) => (scope === 'town' ? 3_000 : 60_000)

function writeGeography(store: Store, geo: Geography): void {
  store.areas.insertMany(
    geo.areas.map((a) => ({
      id: a.id, code: a.code, name: a.name, fullName: a.fullName ?? null, level: a.level, parentId: a.parentId,
      population: a.population, households: a.households, label: a.labelPoint,
      bbox: bbox(a.geometry) as [number, number, number, number], geometry: a.geometry,
    })),
  )
  store.basemap.insertMany([
    ...geo.roads.map((r) => ({ id: r.id, kind: r.kind as 'main_road' | 'road', name: r.name, geometry: r.geometry })),
    ...geo.rivers.map((r) => ({ id: r.id, kind: 'river' as const, name: r.name, geometry: r.geometry })),
    ...geo.waters.map((w) => ({ id: w.id, kind: 'reservoir' as const, name: w.name, geometry: w.geometry })),
  ])
  store.sites.insertMany(geo.sites)
}

/** A small plain picture standing in for a phone's photo of a site (64×48, a few hundred bytes). */
function demoPhoto(): Promise<{ data: Buffer; info: OutputInfo }> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 96, g: 140, b: 110 } } })
    .jpeg({ quality: 70 })
    .toBuffer({ resolveWithObject: true })
}

/** A demo photo's file name: 32 hex digits as an upload's, made from the inspection's id so a seed always makes the same. */
const demoPhotoName = (inspectionId: number) => `${createHash('md5').update(`seed-inspection-${inspectionId}`).digest('hex')}.jpg`

/**
 * In the SQLite mode the demo's photos are files beside the database: a copy of the database alone
 * (a test's template) finds them missing, so they are made again at start (in PostgreSQL they are
 * in the database with their rows). Uploaded photos are never touched; returns how many were made.
 */
export async function restoreDemoPhotos(store: Store, dir: string): Promise<number> {
  const files = photoFilesFor(store, dir)
  const stored = new Set(files.names())
  const missing = store.inspections.allPhotos().filter((p) => p.file === demoPhotoName(p.inspectionId) && !stored.has(p.file))
  if (!missing.length) return 0
  const photo = await demoPhoto()
  for (const p of missing) files.put(p.file, photo.data)
  return missing.length
}

/**
 * The demo's checks that took a photo: its bytes (named by the inspection) and its row. A file a
 * failed seed left in the directory under the same name holds the same picture, and stays.
 */
function writeSitePhotos(store: Store, inspections: LedgerRest['inspections'], dir: string, photo: { data: Buffer; info: OutputInfo }) {
  const files = photoFilesFor(store, dir)
  for (const i of inspections) {
    if (!i.photo) continue
    const file = demoPhotoName(i.id)
    if (!files.has(file)) files.put(file, photo.data)
    store.inspections.insertPhoto({
      inspectionId: i.id, mime: 'image/jpeg', bytes: photo.data.length, width: photo.info.width, height: photo.info.height, file,
      createdBy: i.createdBy, createdAt: i.createdAt ?? `${i.date}T02:00:00.000Z`,
    })
  }
}

/**
 * Fills an empty store with the demo town (or city) and its campaign year. Timing is split so
 * the generation and the load can each be measured.
 */
export async function seedDemo(store: Store, opts: DemoOptions): Promise<SeedReport> {
  const t0 = performance.now()
  const hazardCount = opts.hazards ?? defaultHazards(opts.scope)
  // Started first: the worker loads its modules while this thread makes the geography.
  const worker = (opts.worker ?? hazardCount >= WORKER_HAZARDS) ? ledgerWorker() : null
  try {
    return await seedWith(store, opts, hazardCount, worker, t0)
  } finally {
    worker?.stop()
  }
}

async function seedWith(store: Store, opts: DemoOptions, hazardCount: number, worker: ReturnType<typeof ledgerWorker> | null, t0: number): Promise<SeedReport> {
  const geo = generateGeography({ seed: opts.seed, scope: opts.scope })
  // Each account gets its own salted hash of the published password. argon2 runs on libuv's thread
  // pool, so the hashes (≈ 30 ms each) are made while this thread generates and loads the ledger.
  const accounts = demoAccounts(geo)
  const hashing = Promise.all(accounts.map(() => hashPassword(DEMO_PASSWORD)))
  hashing.catch(() => undefined)
  const ledgerOptions = { seed: opts.seed, asOf: opts.asOf, hazards: hazardCount }
  const ledger: LedgerSource = worker ? worker.generate(geo, ledgerOptions) : inThread(generateLedger(geo, ledgerOptions))
  let written: LedgerRest | undefined
  const photo = opts.photoDir ? await demoPhoto() : undefined
  // Generation and loading interleave: the store takes each row as it is made (and writes every
  // hundred). Time spent in the store's hands is load; the rest of the load's own time is generation
  // (on a worker: waiting for the worker's rows and unpacking them).
  const generateBefore = performance.now() - t0
  let generateInLoad = 0
  let storeMs = 0
  let hazards = 0
  let events = 0
  const inStore = (fn: () => void) => {
    const t = performance.now()
    fn()
    storeMs += performance.now() - t
  }
  const load = (sink: HazardSink) => {
    const t = performance.now()
    inStore(() => writeGeography(store, geo))
    const { values } = sink
    written = ledger.write({
      values,
      next(history) {
        hazards++
        events += values[values.length - BULK_HAZARD_WIDTH + VERSION] as number
        inStore(() => sink.next(history))
      },
      escalation: (id, at) => sink.escalation(id, at),
    })
    const { inspections, persons, campaignStart } = written
    inStore(() => {
      store.inspections.insertMany(inspections)
      if (photo && opts.photoDir) writeSitePhotos(store, inspections, opts.photoDir, photo)
      store.persons.insertMany(persons)
      for (const post of planPosts(geo, opts.seed, campaignStart)) store.posts.insert(post)
      store.meta.set('scope', opts.scope)
      store.meta.set('seed', String(opts.seed))
      store.meta.set('asOf', opts.asOf)
      store.meta.set('campaignStart', campaignStart)
      store.meta.set('rootId', geo.rootId)
      store.meta.set('demo', 'true')
    })
    generateInLoad = performance.now() - t - storeMs
  }
  const tLoad = performance.now()
  const bulk = bulkLoadOf(store)
  if (bulk) bulk.bulkLoad(load)
  else {
    store.transaction(() => {
      const sink = recordSink(store)
      load(sink)
      sink.flush()
    })
  }
  const generateMs = generateBefore + generateInLoad
  // Whatever the load took beyond generating: the rows, and the indexes and checks after them.
  let loadMs = performance.now() - tLoad - generateInLoad
  const t = performance.now()
  const cpu = process.cpuUsage()
  const rest = async () => {
    const hashes = await hashing
    store.transaction(() => accounts.forEach((account, i) => store.users.insert({ ...account, passwordHash: hashes[i]! })))
    store.transaction(() => seedSupervision(store, opts.asOf))
    // Last, over the whole seeded ledger: the early warnings of the last months and what the units did about them.
    await seedWarnings(store, opts.asOf)
  }
  // Still a part of the first load: the adapter may spare these small commits waiting for the disk.
  await (bulk?.loadRest ? bulk.loadRest(rest) : rest())
  const afterLedgerMs = performance.now() - t
  const { user, system } = process.cpuUsage(cpu)
  loadMs += afterLedgerMs
  return {
    areas: geo.areas.length, sites: geo.sites.length, hazards, events, inspections: written!.inspections.length,
    persons: written!.persons.length, users: accounts.length, generateMs, loadMs, afterLedgerMs, afterLedgerCpuMs: (user + system) / 1000,
  }
}

/**
 * A store without BulkLoad takes the same flat rows through its ordinary port: each row becomes a
 * hazard and its history events, inserted a thousand at a time (inside the caller's transaction).
 */
function recordSink(store: Store): HazardSink & { flush(): void } {
  const values: unknown[] = []
  let hazards: Hazard[] = []
  let events: HazardEvent[] = []
  const flush = () => {
    store.hazards.insertMany(hazards, events)
    hazards = []
    events = []
  }
  const sink: HazardSink & { flush(): void } = {
    values,
    next(history) {
      const row = Object.fromEntries(bulkHazardFields.map((f, i) => [f, values[i]])) as Record<(typeof bulkHazardFields)[number], unknown>
      values.length = 0
      const { lon, lat, escalated, ...fields } = row
      const hazard = { ...fields, escalated: escalated === 1, location: [lon, lat] } as Hazard
      hazards.push(hazard)
      events.push(...seededEvents(hazard.id, history))
      if (hazards.length >= 1000) flush()
    },
    // The escalations are among the decoded events already.
    escalation() {},
    flush,
  }
  return sink
}
