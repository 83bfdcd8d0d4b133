// The style spec's own evaluator (a dependency of maplibre-gl), so expressions are tested as MapLibre reads them.
import { createExpression, featureFilter, latest, type FilterSpecification } from '@maplibre/maplibre-gl-style-spec'

type Properties = Record<string, unknown>
interface Options {
  zoom?: number
  state?: Record<string, unknown>
}

const feature = (properties: Properties) => ({ type: 1 as const, properties, geometry: [] })

/** Evaluates a paint or layout value expression of `kind` (e.g. 'paint_fill' / 'fill-color') for one feature. */
export function evaluate(value: unknown, kind: keyof typeof latest, property: string, properties: Properties = {}, { zoom = 12, state = {} }: Options = {}): unknown {
  const spec = (latest[kind] as Record<string, unknown>)[property]
  const parsed = createExpression(value, property, spec as never)
  if (parsed.result === 'error') throw new Error(parsed.value.map((e) => e.message).join('; '))
  const result = parsed.value.evaluate({ zoom }, feature(properties) as never, state as never)
  // Colours come back as Color objects; compare them as CSS text.
  return result && typeof result === 'object' && 'toString' in result && 'r' in result ? String(result) : result
}

/** Whether a layer filter lets the feature through. */
export function passes(filter: unknown, properties: Properties, { zoom = 12 }: Options = {}): boolean {
  return featureFilter(filter as FilterSpecification, 'filter').filter({ zoom }, feature(properties) as never)
}
