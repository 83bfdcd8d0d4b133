/**
 * Opening a record panel of the workbench: /work shows the panels as tabs (`data-tab` = the
 * panel's id in web/records/access.ts), each panel's root carrying `data-panel="<PanelName>"`.
 */
import type { Page } from 'playwright-core'

export const panelTabs = {
  InspectionsPanel: 'inspections',
  PostsPanel: 'posts',
  CampaignsPanel: 'campaigns',
  PersonsPanel: 'persons',
  BulletinPanel: 'bulletin',
  LedgerFilesPanel: 'ledgerFiles',
  BoundaryImportPanel: 'boundaries',
  AuditPanel: 'audit',
} as const
export type PanelName = keyof typeof panelTabs

/** The tab that shows `panel`. */
export const tabOf = (panel: PanelName) => `[role="tab"][data-tab="${panelTabs[panel]}"]`

/** Goes to the workbench (unless there), clicks the panel's tab and resolves once the panel shows. */
export async function openPanel(page: Page, panel: PanelName, timeout = 30_000): Promise<void> {
  if (new URL(page.url()).pathname !== '/work') await page.goto('/work')
  const tab = page.locator(tabOf(panel))
  await tab.waitFor({ timeout })
  await tab.click()
  await page.locator(`[data-panel="${panel}"]`).waitFor({ state: 'visible', timeout })
}

/** The server's "today", as the page's session sees it. */
export function serverToday(page: Page): Promise<string> {
  return page.evaluate(async () => ((await (await fetch('/api/health')).json()) as { today: string }).today)
}

/** A date `days` after `date` (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}
