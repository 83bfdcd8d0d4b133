import { dirname, join } from 'node:path'
import { parseArgs } from 'node:util'
import { openPgSync, type PgSync } from '../store/postgres/bridge'
import { verifyPgAuditChain } from '../store/postgres/audit'
import { copyStore, holdsData } from './copy-store/copy'
import { findPhotos, verifyPhotos } from './copy-store/photos'
import { firstDifference, printVerification, type Verification } from './copy-store/report'
import { openSource, Refusal, type Source } from './copy-store/source'
import { verifyTable } from './copy-store/verify'

/**
 * `npm run copy-store -- --from sqlite:var/pingan.db --to postgres://…`: moves a town from the
 * SQLite store to a PostgreSQL database — every table with its ids, the audit log verbatim, the
 * photos into photo_files — in one transaction, then reads both sides again and prints, per table,
 * the rows and a content hash on each, the audit chain's head on each and each photo's sha256.
 * Exit 0 when everything agrees; 1 when something does not (the first difference named) or the
 * copy failed and was rolled back; 2 on bad arguments, an unreadable source, a target that cannot
 * be reached or already holds a town without --force: nothing written.
 */
const usage = `npm run copy-store -- --from sqlite:<file> --to postgres://user@host/db [--photos <dir>] [--force]
  --photos  the directory of the town's photos (default: photos beside the file, i.e. VAR_DIR/photos)
  --force   replace a town the database already holds (in the same transaction as the copy)`

const hideSecret = (url: string) => url.replace(/\/\/[^@/]*@/, '//')

function args() {
  try {
    const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' }, photos: { type: 'string' }, force: { type: 'boolean', default: false } } })
    if (!values.from?.startsWith('sqlite:') || values.from.length === 'sqlite:'.length) throw new Refusal('--from: give the SQLite file as sqlite:<path>')
    if (!values.to || !/^postgres(ql)?:\/\//.test(values.to)) throw new Refusal('--to: give the database as postgres://…')
    return { from: values.from.slice('sqlite:'.length), to: values.to, photos: values.photos, force: values.force! }
  } catch (err) {
    throw err instanceof Refusal ? err : new Refusal(err instanceof Error ? err.message : String(err))
  }
}

function connect(url: string, name: string): PgSync {
  try {
    return openPgSync(url, name)
  } catch (err) {
    throw new Refusal(`--to: cannot connect to ${hideSecret(url)}: ${err instanceof Error ? err.message : String(err)}`)
  }
}

function verify(source: Source, url: string, copied: ReturnType<typeof copyStore>, photos: ReturnType<typeof findPhotos>): Verification {
  const db = connect(url, 'pingan copy-store verify')
  try {
    const pgAudit = verifyPgAuditChain(db)
    return {
      tables: copied.plans.map((plan) => verifyTable(source.db, db, plan)),
      textIndex: { hazards: db.value<number>('SELECT count(*) FROM hazards')!, rows: db.value<number>('SELECT count(*) FROM hazard_text')! },
      audit: { sqlite: source.audit, pg: pgAudit.ok ? { ok: true, rows: pgAudit.rows, head: pgAudit.head } : { ok: false, problem: pgAudit.problem } },
      photos: verifyPhotos(db, photos),
    }
  } finally {
    db.close()
  }
}

function main(): number {
  const opts = args()
  const started = performance.now()
  const source = openSource(opts.from)
  try {
    const photos = findPhotos(source.db, opts.photos ?? join(dirname(opts.from), 'photos'), opts.photos !== undefined)
    const db = connect(opts.to, 'pingan copy-store')
    let copied
    try {
      const held = holdsData(db, source)
      if (held && !opts.force) throw new Refusal(`--to: ${hideSecret(opts.to)} already holds a town (${held} has rows); pass --force to replace it`)
      copied = copyStore(db, source, photos, opts.force)
    } catch (err) {
      if (err instanceof Refusal) throw err
      console.error(`the copy failed and was rolled back, nothing written: ${err instanceof Error ? err.message : String(err)}`)
      return 1
    } finally {
      db.close()
    }
    const rows = [...copied.rows.values()].reduce((a, b) => a + b, 0)
    console.log(`copied ${opts.from} → ${hideSecret(opts.to)}: ${rows} rows in ${copied.plans.length} tables, ${photos.present.length} photos, in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    const verification = verify(source, opts.to, copied, photos)
    printVerification(verification, photos)
    const difference = firstDifference(verification)
    if (difference) {
      console.error(`NOT the same: ${difference}`)
      return 1
    }
    console.log(`verified in ${((performance.now() - started) / 1000).toFixed(1)} s in all: both stores hold the same town`)
    return 0
  } finally {
    source.end()
  }
}

try {
  process.exitCode = main()
} catch (err) {
  if (!(err instanceof Refusal)) throw err
  console.error(`${err.message}\n\n${usage}`)
  process.exitCode = 2
}
