import { booleanPointInPolygon } from '@turf/turf'
import type { BoundaryImport, BoundaryImportResult, BoundaryOptions } from '../../domain/contract/boundaries'
import type { ActingUser } from '../../domain/roles'
import { audit } from '../audit'
import type { Services } from '../context'
import { ApiError, forbidden } from '../errors'
import { fileJobs } from '../file-jobs'
import { AreaIndex, LedgerIndex } from '../ledger'
import { GridLocator } from '../locate'
import { childLevel, parentLevel } from './check'
import { checkInWorker } from './in-worker'
import { precheckZip } from './read'

/** The import as a file job (at most FILE_JOBS at once, beyond that a 429); the upload's bytes are read only once a slot is free. */
export function importBoundaryFile(s: Services, actor: ActingUser, form: BoundaryImport): Promise<BoundaryImportResult> {
  const { file, ...options } = form
  return fileJobs(s).run(async () => importBoundaries(s, actor, new Uint8Array(await file.arrayBuffer()), options))
}

/**
 * Replaces the town's demo shapes with real boundaries, one level at a time: a GeoJSON file or a
 * zipped Shapefile whose features are matched to existing areas by a name or code field. All or
 * nothing: one bad feature and nothing is written (422, each feature's reasons). On success, in one
 * transaction, the shapes (label, box, parent) are replaced, the next level down is re-parented by
 * its label points, and every hazard and site is placed again by its point in the new grid cells;
 * then the ledger index, the point locator and the cached GeoJSON are rebuilt.
 */
export async function importBoundaries(s: Services, actor: ActingUser, bytes: Uint8Array, o: BoundaryOptions): Promise<BoundaryImportResult> {
  if (actor.role !== 'admin') throw forbidden('Only the administrator replaces the town’s boundaries.')
  if (!!o.nameField === !!o.codeField)
    throw new ApiError(400, 'invalid_input', 'Name exactly one of nameField or codeField.', [{ field: 'nameField', message: 'give nameField or codeField, not both or neither' }])
  // A zip's directory is checked here, at once (a bomb or a zip slip needs no worker to refuse); reading
  // and checking run in a worker thread, the areas they are checked against passed as data.
  await precheckZip(bytes)
  const { format, crs, crsOverride, shapes } = await checkInWorker({ bytes, options: o, candidates: s.store.areas.list(o.level), parents: s.store.areas.list(parentLevel(o.level)) })

  const outcome = s.store.transaction(() => {
    s.store.boundaries.replaceShapes(shapes)
    const below = childLevel(o.level)
    const changedShapes = new Map(shapes.map((sh) => [sh.id, sh]))
    const reparent: Array<{ id: string; parentId: string }> = []
    if (below)
      for (const child of s.store.areas.list(below)) {
        const holder = shapes.find((sh) => booleanPointInPolygon(child.label, sh.geometry))
        if (holder && holder.id !== child.parentId) reparent.push({ id: child.id, parentId: holder.id })
      }
    s.store.boundaries.setParents(reparent)
    const areas = s.store.areas.list()
    const tree = new AreaIndex(areas.map((a) => ({ ...a })))
    const locator = new GridLocator(areas.filter((a) => a.level === 'grid'))
    const place = (location: [number, number]) => {
      const grid = locator.locate(location)
      if (!grid) return undefined
      return { areaId: grid.id, villageId: tree.ancestorAt(grid.id, 'village')!.id, districtId: tree.ancestorAt(grid.id, 'district')!.id }
    }
    let unplaced = 0
    const hazardRows = s.store.boundaries.hazardPoints().flatMap((h) => {
      const to = place(h.location)
      if (to) return [{ id: h.id, ...to }]
      // A point no new cell holds keeps its cell, whose village and district follow the new tree.
      unplaced++
      return [{ id: h.id, areaId: h.areaId, villageId: tree.ancestorAt(h.areaId, 'village')!.id, districtId: tree.ancestorAt(h.areaId, 'district')!.id }]
    })
    const movedHazards = s.store.boundaries.placeHazards(hazardRows)
    const siteRows = s.store.sites.list().flatMap((site) => {
      const to = place(site.location)
      return to ? [{ id: site.id, areaId: to.areaId, villageId: to.villageId }] : []
    })
    const movedSites = s.store.boundaries.placeSites(siteRows)
    s.store.boundaries.refreshInspections()
    // Hazards change village and district here without an event of their own: the audit log says who moved them.
    audit(s, actor, 'import_boundaries', `${o.level}:${changedShapes.size} areas;${movedHazards} hazards moved;${movedSites} sites moved`, crsOverride ? `crs=gcj02 over the file's ${crsOverride.name}` : null)
    return { areas, locator, reparented: reparent.length, movedHazards, unplaced, movedSites, changed: changedShapes.size }
  })

  // Only after the commit do requests see the new geography.
  const ledger = new LedgerIndex(outcome.areas.map((a) => ({ ...a })), s.store.hazards.scanIndexed())
  ledger.version = s.ledger.version + 1
  s.ledger = ledger
  s.locator = outcome.locator
  s.geography.invalidate()
  s.live.publish({ type: 'stats' })
  return {
    imported: outcome.changed, level: o.level, crs, crsOverride, format, rejected: [],
    reparented: outcome.reparented, hazards: { moved: outcome.movedHazards, unplaced: outcome.unplaced }, sites: { moved: outcome.movedSites },
  }
}
