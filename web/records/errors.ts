import { CallError } from '../api/client'

/** The server's own sentence for a refusal (it names the field and the reason), else the error's text. */
export function messageOf(error: unknown): string {
  if (error instanceof CallError) {
    const fields = Array.isArray(error.details)
      ? (error.details as Array<{ field?: unknown; message?: unknown }>)
          .filter((d) => typeof d?.field === 'string' && typeof d?.message === 'string')
          .map((d) => `${String(d.field)}: ${String(d.message)}`)
      : []
    return fields.length && error.code !== 'invalid_features' ? `${error.message} (${fields.join('; ')})` : error.message
  }
  return error instanceof Error ? error.message : String(error)
}
