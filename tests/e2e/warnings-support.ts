/**
 * What the early-warning browser tests share: the API's answers as the page's reader gets them,
 * and reading the page's warning rows and overlays.
 */
import type { Page } from 'playwright-core'
import type { WarningDetail, WarningList, WarningSummary, WarningView } from '../../server/domain/contract/warnings'
import { byUrgency } from '../../web/warnings/warnings'
import { type ApiSession, ok } from './live-api'

export type { WarningDetail, WarningList, WarningSummary, WarningView }

/** The open warnings a reader sees, in the order the panel lists them. */
export async function openWarnings(session: ApiSession, query: Record<string, string> = {}): Promise<WarningList & { ordered: WarningView[] }> {
  const list = await ok(session.api.warnings.$get({ query: { status: 'open', ...query } }))
  return { ...list, ordered: [...list.warnings].sort(byUrgency) }
}

export function warningDetail(session: ApiSession, id: number): Promise<WarningDetail> {
  return ok(session.api.warnings[':id'].$get({ param: { id: String(id) } }))
}

/** The ids of the warning rows a list shows, top to bottom. */
export function rowIds(page: Page, scope: string): Promise<number[]> {
  return page.locator(`${scope} [data-warning-id]`).evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-warning-id'))))
}

/** The features of one of the page's map overlays (stores/overlays.ts), by overlay id; undefined while it is not drawn. */
export function overlayIds(page: Page, overlayId: string, key = 'id'): Promise<Array<string | number> | undefined> {
  return page.evaluate(
    ([id, k]) => window.__pinganMap!.stores.overlays.overlays[id!]?.data.features.map((f) => (f.properties as Record<string, string | number>)[k!]!),
    [overlayId, key] as const,
  )
}

/** The smallest font size of any element holding text inside `selector`, and where: the UI's text is at least 14 px. */
export function minFont(page: Page, selector: string): Promise<{ size: number; where: string }> {
  return page.evaluate((sel) => {
    let min = { size: Infinity, where: '' }
    for (const root of document.querySelectorAll(sel))
      for (const el of [root, ...root.querySelectorAll('*')]) {
        const style = getComputedStyle(el)
        if (style.display === 'none' || style.visibility === 'hidden') continue
        const text = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '')
        const size = parseFloat(style.fontSize)
        if (text && size < min.size) min = { size, where: `${el.tagName.toLowerCase()}.${String(el.className)}: ${el.textContent?.trim().slice(0, 30)}` }
      }
    return min
  }, selector)
}
