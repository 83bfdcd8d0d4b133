import { z } from '@hono/zod-openapi'
import { csv } from '../../domain/contract/common'

// Comma-separated query lists are part of the contract (server/domain/contract/common.ts).
export { csv }

export const FeatureCollectionSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(z.object({ type: z.literal('Feature'), id: z.union([z.string(), z.number()]).optional(), properties: z.record(z.string(), z.unknown()), geometry: z.unknown() })),
  })
  .openapi('FeatureCollection')

export const ErrorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })
  .openapi('Error')

