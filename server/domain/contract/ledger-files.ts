import { z } from '@hono/zod-openapi'
import { FieldErrorSchema, FileSchema } from './common'

/** The ledger as files: what `/api/hazards/import` takes and answers (the export answers a file). */

export const LedgerImportFormSchema = z.object({ file: FileSchema }).openapi('LedgerImport')

/** A row the import refused, with its number in the file as a spreadsheet shows it. */
export const LedgerRejectionSchema = z.object({ row: z.number(), errors: z.array(FieldErrorSchema) })
export type LedgerRejection = z.infer<typeof LedgerRejectionSchema>

export const LedgerImportResultSchema = z
  .object({
    created: z.number(),
    hazards: z.array(z.object({ row: z.number(), id: z.number(), code: z.string() })),
    rejected: z.array(LedgerRejectionSchema),
  })
  .openapi('LedgerImportResult')
export type LedgerImportResult = z.infer<typeof LedgerImportResultSchema>
