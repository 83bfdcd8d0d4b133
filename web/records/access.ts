import type { Actor } from '../../server/domain/roles'
import { mayReadPersons, mayReport } from '../../server/domain/roles'

export const recordPanelIds = ['warnings', 'inspections', 'posts', 'scorecards', 'traceback', 'campaigns', 'persons', 'bulletin', 'ledgerFiles', 'boundaries', 'audit'] as const
export type RecordPanelId = (typeof recordPanelIds)[number]

/**
 * Who receives the monthly bulletin; mirrors the server's rule (services/bulletins): the analyst
 * who issues it, the leadership, and those it is circulated to. The server enforces it; the UI
 * only avoids offering what would be refused.
 */
export function mayReadBulletin(actor: Actor): boolean {
  return actor.role === 'analyst' || actor.role === 'leader' || actor.role === 'lead_unit' || actor.role === 'district'
}

/** Special campaigns are set up by the analyst (综治办) or a lead unit, as services/campaigns allows. */
export function mayRunCampaigns(actor: Actor): boolean {
  return actor.role === 'analyst' || actor.role === 'lead_unit'
}

/**
 * Which record panels a role is offered. Key persons only to cleared roles, so that nobody else's
 * page ever asks for them; the wall shows aggregates only; real boundaries are the admin's; the
 * audit log the admin's and the leader's.
 */
export function recordPanelsFor(actor: Actor): Record<RecordPanelId, boolean> {
  const works = actor.role !== 'wall' && actor.role !== 'admin'
  return {
    // 预警: the responsible units' queue (lead units, districts); the leadership and the analyst see every open one.
    warnings: mayReadWarnings(actor),
    inspections: works,
    // Who held which post: read within one's reach (services/posts), edited by the admin.
    posts: actor.role !== 'wall',
    // Scores within one's reach (services/scorecards): a village its own, a district its villages, …; the admin sets the indicator table there
    scorecards: actor.role !== 'wall',
    // 责任倒查 is the leadership's, the governance office's and the lead units' (services/traceback).
    traceback: mayTraceBack(actor),
    campaigns: works,
    persons: mayReadPersons(actor),
    bulletin: mayReadBulletin(actor),
    ledgerFiles: works,
    boundaries: actor.role === 'admin',
    // The audit log is the administrator's and the leadership's (services/audit).
    audit: actor.role === 'admin' || actor.role === 'leader',
  }
}

/** Who is offered the workbench's 预警 tab: those who respond to warnings, and those who oversee them. */
export function mayReadWarnings(actor: Actor): boolean {
  return actor.role === 'lead_unit' || actor.role === 'district' || actor.role === 'leader' || actor.role === 'analyst'
}

/** Who runs a responsibility trace-back (责任倒查); mirrors services/traceback, which also limits a lead unit to its category. */
export function mayTraceBack(actor: Actor): boolean {
  return actor.role === 'leader' || actor.role === 'analyst' || actor.role === 'lead_unit'
}

/** Whether the role may record inspections and import hazards (the same right as reporting). */
export { mayReport as mayRecord }
