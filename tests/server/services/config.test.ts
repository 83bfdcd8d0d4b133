import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { readEnv } from '../../../server/env'
import { deadlineDays } from '../../../server/services/hazards'
import { migrate, migrations } from '../../../server/store/sqlite/migrations'

describe('configuration for the workbench', () => {
  it('defaults the rectification periods to the plan’s 7, 15, 30 and 60 days, and photos to 10 MB', () => {
    const env = readEnv({})
    expect(deadlineDays(env)).toEqual({ major: 7, significant: 15, general: 30, low: 60 })
    expect([env.PHOTO_MAX_MB, env.IMPORT_MAX_MB]).toEqual([10, 5])
  })

  it('takes the periods from the environment', () => {
    const env = readEnv({ DEADLINE_DAYS_MAJOR: '3', DEADLINE_DAYS_LOW: '90' })
    expect(deadlineDays(env)).toEqual({ major: 3, significant: 15, general: 30, low: 90 })
  })

  it('refuses a period that is not a positive whole number', () => {
    expect(() => readEnv({ DEADLINE_DAYS_GENERAL: '0' })).toThrow(/DEADLINE_DAYS_GENERAL/)
    expect(() => readEnv({ PHOTO_MAX_MB: 'lots' })).toThrow(/PHOTO_MAX_MB/)
  })
})

describe('migration 2', () => {
  it('upgrades a database made by migration 1, keeping its rows, and adds the photo, notification and bulletin tables', () => {
    const db = new Database(':memory:')
    db.exec(migrations[0]!)
    db.pragma('user_version = 1')
    db.prepare("INSERT INTO meta (key, value) VALUES ('demo', 'true')").run()
    expect(migrate(db)).toBe(migrations.length)
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length)
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()
    expect(tables).toEqual(expect.arrayContaining(['photos', 'notifications', 'bulletins', 'campaigns']))
    expect(db.prepare("SELECT value FROM meta WHERE key = 'demo'").pluck().get()).toBe('true')
    db.close()
  })
})
