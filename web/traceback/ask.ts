import type { TracebackAsk } from '../api/traceback'

/** How the form names the place: a point, a key site or a hazard (the API's at, site and hazard). */
export type PlaceMode = 'at' | 'site' | 'hazard'

export interface TracebackForm {
  mode: PlaceMode
  lonLat: string
  site: string
  hazard: string
  date: string
  radius: string
  months: string
}

/** The request a form makes: only the field of its mode, and only the fields filled in; undefined when the place is missing. */
export function askOf(f: TracebackForm): TracebackAsk | undefined {
  const place = f.mode === 'at' ? f.lonLat.replace(/\s+/g, '') : f.mode === 'site' ? f.site : f.hazard.trim()
  if (!place) return undefined
  const ask: TracebackAsk = { [f.mode]: place }
  if (f.date) ask.date = f.date
  if (f.radius) ask.radius = f.radius
  if (f.months) ask.months = f.months
  return ask
}

/** A request from a URL's query (the printable page's), keeping only the fields the API takes. */
export function askFromQuery(query: Record<string, unknown>): TracebackAsk | undefined {
  const ask: TracebackAsk = {}
  for (const key of ['at', 'site', 'hazard', 'date', 'radius', 'months'] as const) {
    const v = query[key]
    if (typeof v === 'string' && v) ask[key] = v
  }
  return ask.at || ask.site || ask.hazard ? ask : undefined
}
