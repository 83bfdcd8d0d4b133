import { computed, shallowRef, watch } from 'vue'
import { type Actor, mayReport } from '../../server/domain/roles'
import { type RecordPanelId, recordPanelIds, recordPanelsFor } from '../records/access'
import { useSessionStore } from '../stores/session'

export type WorkTab = 'queue' | 'report' | RecordPanelId

/**
 * The workbench's tabs a role is offered: its queue always; the report form to those who register
 * hazards; each record panel as records/access.ts allows (persons for cleared roles, boundaries for the admin, …).
 */
export function workTabsFor(actor: Actor): WorkTab[] {
  const panels = recordPanelsFor(actor)
  return ['queue', ...(mayReport(actor) ? (['report'] as const) : []), ...recordPanelIds.filter((id) => panels[id])]
}

/** The open tab, kept to those the role has and mirrored in the URL (`/work?tab=report`) by the view. */
export function useWorkTabs(initial: () => string | undefined) {
  const session = useSessionStore()
  const tabs = computed(() => (session.actor ? workTabsFor(session.actor) : []))
  const known = (tab: string | undefined): tab is WorkTab => tabs.value.includes(tab as WorkTab)
  const start = initial()
  const tab = shallowRef<WorkTab>(known(start) ? start : 'queue')
  watch(tabs, (now) => {
    if (!now.includes(tab.value)) tab.value = 'queue'
  })
  return { tabs, tab, known }
}
