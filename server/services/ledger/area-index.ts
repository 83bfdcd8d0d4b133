import type { AreaLevel } from '../../domain/areas'

export interface AreaNode {
  id: string
  name: string
  level: AreaLevel
  parentId: string | null
  population: number | null
  /** where the area's name is drawn; a generalised hazard stands at its village's */
  label?: [number, number]
}

/**
 * The area tree flattened for the ledger index: every grid cell gets an ordinal, and every
 * area knows the grid ordinals inside it, so "area includes what lies inside it" is a mask.
 */
export class AreaIndex {
  readonly grids: AreaNode[]
  readonly gridOrd = new Map<string, number>()
  readonly byId = new Map<string, AreaNode>()
  readonly byLevel = new Map<AreaLevel, AreaNode[]>()
  /** ordinal within its level, for every area */
  readonly levelOrd = new Map<string, number>()
  /** gridAncestor.get(level)[gridOrd] = ordinal of the ancestor area at that level (or -1) */
  readonly gridAncestor = new Map<AreaLevel, Int32Array>()
  private readonly inside = new Map<string, Int32Array>()
  /** each grid cell's village label point: where a generalised hazard is placed */
  readonly villageLon: Float32Array
  readonly villageLat: Float32Array

  constructor(areas: readonly AreaNode[]) {
    for (const a of areas) {
      this.byId.set(a.id, a)
      const list = this.byLevel.get(a.level) ?? []
      this.levelOrd.set(a.id, list.length)
      list.push(a)
      this.byLevel.set(a.level, list)
    }
    this.grids = this.byLevel.get('grid') ?? []
    this.grids.forEach((g, i) => this.gridOrd.set(g.id, i))
    const collect = new Map<string, number[]>()
    for (const level of this.byLevel.keys()) this.gridAncestor.set(level, new Int32Array(this.grids.length).fill(-1))
    this.grids.forEach((g, i) => {
      for (let a: AreaNode | undefined = g; a; a = a.parentId ? this.byId.get(a.parentId) : undefined) {
        const list = collect.get(a.id) ?? []
        list.push(i)
        collect.set(a.id, list)
        this.gridAncestor.get(a.level)![i] = this.levelOrd.get(a.id)!
      }
    })
    for (const [id, list] of collect) this.inside.set(id, Int32Array.from(list))
    const villages = this.byLevel.get('village') ?? []
    const up = this.gridAncestor.get('village')
    this.villageLon = Float32Array.from(this.grids, (_, g) => villages[up?.[g] ?? -1]?.label?.[0] ?? NaN)
    this.villageLat = Float32Array.from(this.grids, (_, g) => villages[up?.[g] ?? -1]?.label?.[1] ?? NaN)
  }

  /** The mask widened to whole villages' worth: a cell counts only where its whole village is in the mask. */
  villageCovered(mask: Uint8Array): Uint8Array {
    const up = this.gridAncestor.get('village')
    if (!up) return mask
    const partial = new Uint8Array(this.byLevel.get('village')?.length ?? 0)
    for (let g = 0; g < mask.length; g++) if (!mask[g] && up[g]! >= 0) partial[up[g]!] = 1
    return mask.map((m, g) => (m && up[g]! >= 0 && !partial[up[g]!] ? 1 : 0))
  }

  /** Grid ordinals inside an area (itself if a grid); empty for an unknown id. */
  gridsInside(areaId: string): Int32Array {
    return this.inside.get(areaId) ?? new Int32Array(0)
  }

  /** The ancestor of an area at a level (itself if it is at that level). */
  ancestorAt(areaId: string, level: AreaLevel): AreaNode | undefined {
    for (let a = this.byId.get(areaId); a; a = a.parentId ? this.byId.get(a.parentId) : undefined)
      if (a.level === level) return a
    return undefined
  }

  /** A mask over grid ordinals for a union of areas; null means "no restriction". */
  gridMask(areaIds: readonly string[] | undefined): Uint8Array | null {
    if (!areaIds) return null
    const mask = new Uint8Array(this.grids.length)
    for (const id of areaIds) for (const g of this.gridsInside(id)) mask[g] = 1
    return mask
  }
}
