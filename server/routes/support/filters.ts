import { z } from '@hono/zod-openapi'
import { CategoryIdSchema, DateSchema, ItemIdSchema, RiskLevelSchema, SourceSchema, StatusSchema } from '../../domain/schemas'
import type { HazardFilter } from '../../services/ledger'
import { csv } from './schemas'

const flag = z.enum(['true', 'false']).transform((v) => v === 'true')
const bbox = z
  .string()
  .regex(/^\s*-?[\d.]+\s*(,\s*-?[\d.]+\s*){3}$/, 'four numbers: minLon,minLat,maxLon,maxLat')
  .transform((s) => s.split(',').map(Number))
  .pipe(
    z
      .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90), z.number().min(-180).max(180), z.number().min(-90).max(90)])
      .refine(([x0, y0, x1, y1]) => x0 <= x1 && y0 <= y1, 'min must not exceed max'),
  )

/** The list filters every list, statistic and export takes (api.md), parsed from the query. */
export const filterFields = {
  category: csv(CategoryIdSchema).optional(),
  item: csv(ItemIdSchema).optional(),
  status: csv(StatusSchema).optional(),
  level: csv(RiskLevelSchema).optional(),
  source: csv(SourceSchema).optional(),
  area: csv(z.string().min(1).max(40)).optional(),
  from: DateSchema.optional(),
  to: DateSchema.optional(),
  overdue: flag.optional(),
  escalated: flag.optional(),
  q: z.string().trim().min(1).max(100).optional(),
  bbox: bbox.optional(),
  openOn: DateSchema.optional(),
  campaign: z.coerce.number().int().positive().optional(),
}

export const FilterQuery = z.strictObject(filterFields)

/** Drops the keys a query did not set, so the filter holds only what the caller asked. */
export function filterOf(q: Partial<Record<keyof typeof filterFields, unknown>>): HazardFilter {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(filterFields)) if (q[key as keyof typeof filterFields] !== undefined) out[key] = q[key as keyof typeof filterFields]
  return out as HazardFilter
}
