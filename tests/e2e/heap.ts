/**
 * What a page's JavaScript heap holds, read through the DevTools protocol after a full garbage
 * collection, split into the page's own objects and V8's compiled code.
 *
 * The split matters for a page that runs for hours: V8 keeps compiling functions as they get hot
 * (baseline, then optimised machine code), so its code space grows for a long while with nothing
 * leaking — over the wall's first ten minutes by ≈ 0.2 MB a minute, more than 10 % of the whole
 * heap — and is bounded by the code the page has. A leak is objects the page keeps and no longer
 * needs: that is the figure to watch. Both are reported.
 */
import type { CDPSession } from 'playwright-core'

export interface HeapReading {
  /** V8's used heap in all (Runtime.getHeapUsage) */
  usedSize: number
  /** compiled code: bytecode, baseline and optimised machine code, their metadata (snapshot nodes of type `code`) */
  code: number
  /** everything else V8 holds for the page: objects, arrays, strings, closures, their shapes */
  objects: number
  /** DOM nodes and JS event listeners alive */
  nodes: number
  jsEventListeners: number
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } }
  nodes: number[]
}

/** Self sizes per node type ('object', 'code', 'native' …) of a heap snapshot. */
export function sizesByType(snapshot: Snapshot): Record<string, number> {
  const fields = snapshot.snapshot.meta.node_fields
  const types = snapshot.snapshot.meta.node_types[0]
  const type = fields.indexOf('type')
  const size = fields.indexOf('self_size')
  const sizes: Record<string, number> = {}
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const name = types[snapshot.nodes[i + type]!]!
    sizes[name] = (sizes[name] ?? 0) + snapshot.nodes[i + size]!
  }
  return sizes
}

/** Node types that are not V8's JS heap: Blink's own objects and the snapshot's grouping nodes. */
const OUTSIDE_JS_HEAP = new Set(['native', 'synthetic'])

export async function heapReading(cdp: CDPSession): Promise<HeapReading> {
  // Twice: the first pass may only free what finalisers then release.
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  const { nodes, jsEventListeners } = await cdp.send('Memory.getDOMCounters')
  const chunks: string[] = []
  const onChunk = ({ chunk }: { chunk: string }) => void chunks.push(chunk)
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk)
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false })
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk)
  }
  const sizes = sizesByType(JSON.parse(chunks.join('')) as Snapshot)
  const code = sizes['code'] ?? 0
  const objects = Object.entries(sizes).reduce((sum, [type, bytes]) => (type === 'code' || OUTSIDE_JS_HEAP.has(type) ? sum : sum + bytes), 0)
  return { usedSize, code, objects, nodes, jsEventListeners }
}
