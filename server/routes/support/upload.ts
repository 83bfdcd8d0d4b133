import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { FileSchema } from '../../domain/contract/common'
import type { Env } from '../../env'
import { errorBody } from '../../services/errors'
import type { AppEnv } from './session'

/** Room for the multipart envelope (boundary lines, part headers, small text fields) around the file. */
const ENVELOPE = 64 * 1024

/**
 * Refuses an upload over the configured size while it is read, before any of it is parsed: a
 * declared Content-Length over the limit is refused at once, a chunked body as soon as it passes it.
 */
export function uploadLimit(setting: (env: Env) => number): MiddlewareHandler<AppEnv> {
  return (c, next) => {
    const mb = setting(c.var.services.env)
    return bodyLimit({
      maxSize: Math.round(mb * 1024 * 1024) + ENVELOPE,
      onError: (c) => c.json(errorBody('too_large', `The upload is over ${mb} MB.`), 413),
    })(c, next)
  }
}

/** A multipart file field, described to OpenAPI as binary (defined with the contract). */
export const FileField = FileSchema

export async function bytesOf(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer())
}

/** `attachment` with an ASCII fallback name and the UTF-8 name (RFC 6266 / 5987). */
export function attachment(ascii: string, utf8: string): string {
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(utf8)}`
}
