import type { WallMessages } from './wall.zh-CN'

/** Messages of the wall view, in English. */
export const wallEn: WallMessages = {
  title: 'Wall display',
  heading: "Ping'an Map · Command centre",
  subtitle: 'Find safety hazards, prevent four kinds of risk',
  town: 'Whole town',
  asOf: 'Data as of {time}',
  connecting: 'Connecting to live data…',
  stale: 'Data stale since {time} · reconnecting',
  staleNever: 'Cannot reach the server · reconnecting',
  tour: {
    town: 'Township overview',
    district: 'District tour {n}/{of}',
    beside: '{district} beside the town',
  },
  kpi: {
    label: 'Key figures',
    found: 'Found this campaign',
    open: 'Open',
    closeRate: 'Close-out rate',
    overdue: 'Overdue',
    escalated: 'Escalated',
    coverage: 'Inspected this half-month',
    coverageNote: '{covered}/{total} villages',
    none: '–',
  },
  trend: {
    title: 'Half-month trend',
    reported: 'Found',
    closed: 'Closed',
    open: 'Open backlog',
  },
  categories: {
    title: 'Four risk categories',
  },
  ranking: {
    title: 'Districts by open hazards',
  },
  ticker: {
    title: 'Live',
    empty: 'Nothing new yet',
    found: 'New',
    closed: 'Closed',
    escalated: 'Escalated',
    count: '×{n}',
  },
  legend: {
    choropleth: 'Village risk (open hazards)',
    heat: 'Hazard heat',
    sites: 'Key sites',
    range: '{from}–{to}',
    atLeast: '≥ {from}',
  },
  map: {
    title: 'Situation map of {town}',
    retrying: 'The map has not loaded yet; trying again…',
  },
}
