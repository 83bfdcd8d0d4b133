/**
 * (c) of `npm run bench:web`: the JavaScript the app ships, built now from the working tree, split
 * into MapLibre's own code and everything else, beside a build that imports all of ECharts.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build, type Rollup } from 'vite'
import { repoRoot } from '../e2e/harness'

export interface Shipped {
  files: number
  minified: number
  gzip: number
  maplibre: { minified: number; gzip: number }
  other: { minified: number; gzip: number }
  /** every .js/.mjs file: name → bytes */
  sizes: Record<string, number>
}

const isMaplibre = (id: string) => id.includes('/node_modules/maplibre-gl/')
const gz = (bytes: Buffer | string) => gzipSync(bytes).length

type BuildOutput = Rollup.RollupOutput | Rollup.RollupOutput[]

/** Builds with a vite config into `outDir` and sizes every JavaScript file it wrote. */
export async function buildAndSize(configFile: string, outDir: string): Promise<Shipped> {
  const result = (await build({ configFile: resolve(repoRoot, configFile), build: { outDir, emptyOutDir: true }, logLevel: 'warn' })) as BuildOutput
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output)
  // MapLibre arrives as one already-minified module inside the chunk that imports it, plus its worker file.
  const maplibreCode = new Map<string, string>()
  for (const o of outputs)
    if (o.type === 'chunk')
      maplibreCode.set(o.fileName, Object.entries(o.modules).filter(([id]) => isMaplibre(id)).map(([, m]) => m.code ?? '').join(''))

  const assets = join(outDir, 'assets')
  const shipped: Shipped = { files: 0, minified: 0, gzip: 0, maplibre: { minified: 0, gzip: 0 }, other: { minified: 0, gzip: 0 }, sizes: {} }
  for (const name of readdirSync(assets).filter((f) => /\.m?js$/.test(f))) {
    const bytes = readFileSync(join(assets, name))
    const whole = { minified: bytes.length, gzip: gz(bytes) }
    const fromMaplibre = name.startsWith('maplibre-gl-worker')
      ? whole
      : (() => {
          const code = maplibreCode.get(`assets/${name}`) ?? ''
          return code ? { minified: Math.min(Buffer.byteLength(code), whole.minified), gzip: Math.min(gz(code), whole.gzip) } : { minified: 0, gzip: 0 }
        })()
    shipped.files++
    shipped.sizes[name] = whole.minified
    shipped.minified += whole.minified
    shipped.gzip += whole.gzip
    shipped.maplibre.minified += fromMaplibre.minified
    shipped.maplibre.gzip += fromMaplibre.gzip
    shipped.other.minified += whole.minified - fromMaplibre.minified
    shipped.other.gzip += whole.gzip - fromMaplibre.gzip
  }
  return shipped
}

/** The bare MapLibre pages, into `<dist>/bench/` where the app's server serves them. */
export async function buildFixtures(dist: string): Promise<void> {
  await build({ configFile: resolve(repoRoot, 'tests/bench/web-fixtures/vite.config.ts'), build: { outDir: join(dist, 'bench') } })
}
