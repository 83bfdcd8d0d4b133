import type Database from 'better-sqlite3'
import type { LedgerFileStore } from '../types'

export function ledgerFileStore(db: Database.Database): LedgerFileStore {
  return {
    existingCodes(codes) {
      if (codes.length === 0) return new Set()
      const found = db.prepare('SELECT code FROM hazards WHERE code IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(codes)) as string[]
      return new Set(found)
    },
  }
}
