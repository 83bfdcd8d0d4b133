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

// The error body is part of the contract; this name stays for the routes that declare it.
export { ErrorBodySchema as ErrorSchema } from '../../domain/contract/common'
