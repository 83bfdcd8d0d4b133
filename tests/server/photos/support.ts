import { createHash } from 'node:crypto'
import type { HazardPhoto } from '../../../server/domain/contract/photos'
import { type Client, type TestApp, openTestApp } from '../support/app'
import { onPostgres } from '../../postgres/databases'

export const sha = (data: Uint8Array) => createHash('sha256').update(data).digest('hex')

/**
 * Another instance on the store `first` runs on: the same PostgreSQL database, or (SQLite) the same
 * database file and VAR_DIR, as a server restarted on the same machine.
 */
export function instanceOn(first: TestApp): Promise<TestApp> {
  const env = first.services.env
  return openTestApp(onPostgres() ? { DATABASE_URL: env.DATABASE_URL! } : { DB_PATH: env.DB_PATH, VAR_DIR: env.VAR_DIR })
}

/** Uploads a hazard photo as a multipart form, as the desk and the phone do. */
export function uploadPhoto(as: Client, hazardId: number, bytes: Uint8Array, clientId?: string): Promise<Response> {
  const form = new FormData()
  form.append('photo', new File([bytes as Uint8Array<ArrayBuffer>], 'scene.jpg', { type: 'image/jpeg' }))
  if (clientId) form.append('clientId', clientId)
  return as.raw(`/api/hazards/${hazardId}/photos`, { method: 'POST', body: form })
}

/** The bytes an instance serves for a photo (200), by its url. */
export async function served(as: Client, photo: Pick<HazardPhoto, 'url'>): Promise<Buffer> {
  const res = await as.get(photo.url)
  if (res.status !== 200) throw new Error(`GET ${photo.url}: ${res.status} ${await res.text()}`)
  return Buffer.from(await res.arrayBuffer())
}
