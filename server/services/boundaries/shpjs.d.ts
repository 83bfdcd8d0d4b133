/** The parts of shpjs 6 the boundary import uses (the package ships no types). */
declare module 'shpjs' {
  type Bytes = ArrayBuffer | ArrayBufferView
  /** Shapes in record order (null for a null shape), unprojected through the .prj's WKT when given. */
  export function parseShp(shp: Bytes, prj?: string): Array<GeoJSON.Geometry | null>
  /** Attribute rows in record order, decoded with the .cpg's code page when given. */
  export function parseDbf(dbf: Bytes, cpg?: string): Array<Record<string, unknown>>
}
