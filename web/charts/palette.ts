import type { CategoryId } from '../../server/domain/categories'
import type { SourceId } from '../../server/domain/sources'

/** The UI's own typeface: the canvas must be told, or it draws Chinese in a fallback font. */
export const chartFont = 'Noto Sans SC'

/** Shared ink of the desk charts: daylight office screens, printed reports. */
export const chartInk = {
  text: '#1f2329',
  muted: '#5b6270',
  axis: '#c9ced6',
  split: '#eceff3',
  /** items not in the current filter, so the chosen ones stand out */
  dimmedOpacity: 0.28,
}

/** The four categories, told apart without borrowing the risk colours (red…blue mean severity). */
export const categoryColors: Record<CategoryId, string> = {
  violent_terror: '#6a4c93',
  mass_incident: '#1982c4',
  individual_extreme: '#8a5a44',
  safety_accident: '#3a9d5d',
}

export const sourceColors: Record<SourceId, string> = {
  routine: '#4e79a7',
  concentrated: '#59a14f',
  focused: '#9c755f',
  public_report: '#b07aa1',
}

/** Not yet assessed: no level, so no risk colour. */
export const unassessedColor = '#a3a9b3'

export const trendColors = { reported: '#4e79a7', closed: '#59a14f', open: '#e15759' }

/** Open and overdue are burdens (reds); the close rate is an achievement (green). */
export const rankingColors = { open: '#e15759', overdue: '#b8322f', closeRate: '#59a14f' }

export const coverageColors = { inspected: '#59a14f', missed: '#e15759' }
