import type Database from 'better-sqlite3'
import type { CampaignRecord, CampaignStore } from '../types'

const cols = `id, name, goal, deadline, category, created_by AS createdBy, created_at AS createdAt`

/** Special campaigns (专项整治); a hazard belongs to at most one, through hazards.campaign_id. */
export function campaignStore(db: Database.Database): CampaignStore {
  const insert = db.prepare('INSERT INTO campaigns (name, goal, deadline, category, created_by, created_at) VALUES (@name, @goal, @deadline, @category, @createdBy, @createdAt)')
  const one = db.prepare(`SELECT ${cols} FROM campaigns WHERE id = ?`)
  const all = db.prepare(`SELECT ${cols} FROM campaigns ORDER BY id DESC`)
  const members = db.prepare('SELECT id FROM hazards WHERE campaign_id = ? ORDER BY id').pluck()
  const set = db.prepare('UPDATE hazards SET campaign_id = @campaignId WHERE id = @id AND campaign_id IS NOT @campaignId')
  return {
    insert(row) {
      return one.get(insert.run(row).lastInsertRowid) as CampaignRecord
    },
    get(id) {
      return one.get(id) as CampaignRecord | undefined
    },
    list() {
      return all.all() as CampaignRecord[]
    },
    hazardIds(id) {
      return members.all(id) as number[]
    },
    setCampaign(hazardIds, campaignId) {
      let changed = 0
      for (const id of hazardIds) changed += set.run({ id, campaignId }).changes
      return changed
    },
  }
}
