import { existsSync } from 'node:fs'
import { z } from 'zod'
import { type AccountabilityLimits, defaultLimits } from './domain/accountability'
import { cadenceIds, planKeys } from './domain/check-plans'

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')

/** JSON text read as JSON, or one clear issue. */
const jsonText = z.string().transform((v, ctx) => {
  try {
    return JSON.parse(v) as unknown
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not JSON' })
    return z.NEVER
  }
})

/** The configuration, checked once at start; nothing else reads process.env. */
export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** loopback by default: a server reachable from other machines is a choice (HOST=0.0.0.0), and refuses the demo password */
  HOST: z.string().default('127.0.0.1'),
  /** where the ledger lives: an embedded SQLite file (DB_PATH, the default) or PostgreSQL + PostGIS (DATABASE_URL) */
  STORE: z.enum(['sqlite', 'postgres']).default('sqlite'),
  DB_PATH: z.string().default('var/pingan.db'),
  /** the PostgreSQL database when STORE=postgres, e.g. postgres://pingan@db.internal/pingan */
  DATABASE_URL: z.string().optional(),
  /**
   * STORE=postgres: each instance follows the others' writes through the database's change feed,
   * woken by LISTEN (FOLLOW_LISTEN=false where the database lacks it) and polling every FOLLOW_POLL_MS
   */
  FOLLOW_LISTEN: flag.default(true),
  FOLLOW_POLL_MS: z.coerce.number().int().min(20).max(60_000).default(1000),
  /** where uploaded photos are kept */
  VAR_DIR: z.string().default('var'),
  /**
   * seed the demo town into an empty database on first start (unset counts as yes); only an explicit
   * DEMO=true lets a server bound to a network address accept the demo accounts' published password
   */
  DEMO: flag.optional(),
  SCOPE: z.enum(['town', 'city']).default('town'),
  SEED: z.coerce.number().int().default(2026),
  HAZARDS: z.coerce.number().int().positive().optional(),
  /** pins "today" (YYYY-MM-DD) for the demo and for tests; by default the date in China */
  AS_OF: z.iso.date().optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(30),
  SESSION_MAX_HOURS: z.coerce.number().positive().default(12),
  /**
   * A long-lived display token for the command-centre wall: a display opening /wall?token=… signs in
   * as WALL_USER without a typed password. Off unless set (at least 24 characters).
   */
  WALL_TOKEN: z.string().min(24).optional(),
  WALL_USER: z.string().default('wall'),
  /** the wall display's session lasts this long (it runs all day) */
  WALL_SESSION_DAYS: z.coerce.number().positive().default(30),
  /** an open event stream re-checks its session this often (ms) and ends when the session has; at most 15 s */
  STREAM_HEARTBEAT_MS: z.coerce.number().int().min(50).max(15_000).default(15_000),
  /** event streams one session may hold open at once (429 beyond) */
  STREAMS_PER_SESSION: z.coerce.number().int().positive().max(64).default(4),
  /** an optional external raster basemap, e.g. an intranet tile server such as http://localhost:8081/{z}/{x}/{y}.png */
  BASEMAP_URL: z.string().optional(),
  /** static files of the built web app */
  WEB_DIST: z.string().default('dist'),
  LOG_REQUESTS: flag.default(false),
  /**
   * Check plans' cadences replacing the defaults (server/domain/check-plans.ts), as JSON by round or
   * site kind: {"self_check":"week","round":"half-month","focused":"month","gas_station":"week",…};
   * each week, half-month or month
   */
  CHECK_CADENCES: jsonText.pipe(z.partialRecord(z.enum(planKeys), z.enum(cadenceIds))).optional(),
  /** default rectification periods by risk level, in days, when an assignment names no deadline */
  DEADLINE_DAYS_MAJOR: z.coerce.number().int().positive().default(7),
  DEADLINE_DAYS_SIGNIFICANT: z.coerce.number().int().positive().default(15),
  DEADLINE_DAYS_GENERAL: z.coerce.number().int().positive().default(30),
  DEADLINE_DAYS_LOW: z.coerce.number().int().positive().default(60),
  /**
   * 挂牌督办 extensions: a request to move a deadline must be made at least this many days before it
   * (on or before deadline − days); a later one is refused as late (422 `late`)
   */
  EXTENSION_NOTICE_DAYS: z.coerce.number().int().min(0).max(365).default(3),
  /** 上报时限: a hazard reported (登记) more than this many hours after it was found (发现) was reported late (迟报) */
  REPORT_LIMIT_HOURS: z.coerce.number().positive().default(defaultLimits.reportLimitHours),
  /** a report more than this many days after the find was concealed (瞒报), not merely late */
  CONCEALED_AFTER_DAYS: z.coerce.number().positive().default(defaultLimits.concealedAfterDays),
  /** 复查时限: a rectification is verified within this many days of being reported done */
  VERIFY_LIMIT_DAYS: z.coerce.number().positive().default(defaultLimits.verifyLimitDays),
  /** largest photo accepted, in MB (MiB) */
  PHOTO_MAX_MB: z.coerce.number().positive().max(100).default(10),
  /** largest ledger spreadsheet (.xlsx, .csv) accepted for import, in MB */
  IMPORT_MAX_MB: z.coerce.number().positive().max(100).default(5),
  /** largest boundary file (GeoJSON or zipped Shapefile) accepted, in MB */
  AREA_IMPORT_MAX_MB: z.coerce.number().positive().max(500).default(50),
  /** imports and exports (ledger files, boundaries) run at most this many at a time; beyond, 429 */
  FILE_JOBS: z.coerce.number().int().positive().max(64).default(2),
  /** special campaigns one account may set up in 24 hours (429 beyond) */
  CAMPAIGNS_PER_DAY: z.coerce.number().int().positive().default(10),
  /** campaigns whose deadline has not passed, at most (422 beyond) */
  CAMPAIGNS_OPEN_MAX: z.coerce.number().int().positive().default(100),
  /** unmaskings of key persons one account may make a day (China's day); beyond it 429 and the leaders are told */
  REVEAL_DAILY_LIMIT: z.coerce.number().int().positive().default(20),
  /**
   * The address users type, e.g. https://pingan.example.gov.cn: every request's Host and every
   * changing request's Origin must match it, and with https the session cookie is Secure and __Host-.
   */
  PUBLIC_ORIGIN: z
    .url({ protocol: /^https?$/ })
    .refine((v) => URL.canParse(v) && new URL(v).origin === v.replace(/\/$/, ''), 'an origin only: scheme, host and port, no path')
    .transform((v) => new URL(v).origin)
    .optional(),
  /** PEM certificate chain and key: when both are set the server speaks HTTPS itself */
  TLS_CERT: z.string().refine(existsSync, 'no such file').optional(),
  TLS_KEY: z.string().refine(existsSync, 'no such file').optional(),
  /** addresses of reverse proxies whose X-Forwarded-For names the client (comma-separated); others' is ignored */
  TRUST_PROXY: z
    .string()
    .transform((v) => v.split(',').map((a) => a.trim()).filter(Boolean))
    .optional(),
})
export type Env = z.infer<typeof EnvSchema>

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(source)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`invalid configuration:\n${lines.join('\n')}`)
  }
  if (!parsed.data.TLS_CERT !== !parsed.data.TLS_KEY)
    throw new Error(`invalid configuration:\n  ${parsed.data.TLS_CERT ? 'TLS_KEY' : 'TLS_CERT'}: TLS_CERT and TLS_KEY go together`)
  if (parsed.data.STORE === 'postgres' && !parsed.data.DATABASE_URL) throw new Error('invalid configuration:\n  DATABASE_URL: required when STORE=postgres')
  return parsed.data
}

/** The deployment's accountability limits (domain/accountability.ts) from the configuration. */
export function accountabilityLimits(env: Pick<Env, 'REPORT_LIMIT_HOURS' | 'CONCEALED_AFTER_DAYS' | 'VERIFY_LIMIT_DAYS'>): AccountabilityLimits {
  return { reportLimitHours: env.REPORT_LIMIT_HOURS, concealedAfterDays: env.CONCEALED_AFTER_DAYS, verifyLimitDays: env.VERIFY_LIMIT_DAYS }
}

/** Today's date in China (UTC+8), where the town keeps its ledger. */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
}
