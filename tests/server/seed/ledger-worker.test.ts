import { describe, expect, it } from 'vitest'
import { generateGeography } from '../../../server/seed/geography'
import { generateLedger } from '../../../server/seed/ledger'
import { RowPacker, RowUnpacker, type RowBatch } from '../../../server/seed/ledger/stream'
import { ledgerWorker } from '../../../server/seed/ledger/threaded'
import type { HazardSink } from '../../../server/store/bulk-load'

/**
 * The demo seed generates a large ledger on a worker thread while the main thread loads it
 * (threaded.ts), its rows packed for the trip (stream.ts). What arrives must be what generateLedger
 * writes in one thread: every value, history byte and escalation, in the same order.
 */
const AS_OF = '2026-11-28'

interface Written {
  rows: unknown[][]
  histories: number[][]
  /** each escalation with the number of rows written before it */
  escalations: Array<[number, number, string]>
}

function recorder(): { sink: HazardSink; written: Written } {
  const written: Written = { rows: [], histories: [], escalations: [] }
  const sink: HazardSink = {
    values: [],
    next(history) {
      written.rows.push(sink.values.slice())
      written.histories.push([...history])
      sink.values.length = 0
    },
    escalation(id, at) {
      written.escalations.push([written.rows.length, id, at])
    },
  }
  return { sink, written }
}

describe('the ledger generated on a worker thread', () => {
  const geo = generateGeography({ seed: 2026, scope: 'town' })
  const options = { seed: 2026, asOf: AS_OF, hazards: 5000 }

  it('arrives row for row as generated in one thread, with the same inspections and persons', () => {
    const here = recorder()
    const ledger = generateLedger(geo, options)
    ledger.write(here.sink)
    const there = recorder()
    const worker = ledgerWorker()
    try {
      const rest = worker.generate(geo, options).write(there.sink)
      expect(there.written.rows.length).toBe(5000)
      expect(there.written).toEqual(here.written)
      expect(here.written.escalations.length).toBeGreaterThan(0)
      expect(rest.campaignStart).toBe(ledger.campaignStart)
      expect(rest.persons).toEqual(ledger.persons)
      // The counts of hazards found, filled as the ledger is written, come back too.
      expect(rest.inspections).toEqual(ledger.inspections)
      expect(rest.inspections.some((i) => i.hazardsFound > 0)).toBe(true)
    } finally {
      worker.stop()
    }
  })

  it('reports a failure in the worker as an error, not a wait without end', () => {
    const worker = ledgerWorker()
    try {
      // A geography without villages: the ledger has nowhere to place a hazard.
      const source = worker.generate({ ...geo, areas: geo.areas.filter((a) => a.level !== 'village') }, options)
      expect(() => source.write(recorder().sink)).toThrow(/generating the ledger failed/)
    } finally {
      worker.stop()
    }
  })
})

describe('rows packed for the trip between threads', () => {
  it('unpack to the same values, histories and escalations, an escalation staying with its row across a batch boundary', () => {
    const batches: RowBatch[] = []
    const packer = new RowPacker(2, (batch) => batches.push(batch))
    const rows: unknown[][] = [
      [1, 'YH0000001', '标题', null, 2.5],
      [2, 'YH0000002', '标题', '说明', -7],
      [3, 'YH0000003', '另一个', null, 0],
    ]
    const width = 33
    const full = rows.map((r) => [...r, ...Array.from({ length: width - r.length }, (_, i) => (i % 3 === 0 ? null : i % 3 === 1 ? `f${i}` : i))])
    full.forEach((row, i) => {
      packer.values.push(...row)
      packer.next(Uint8Array.of(i, 1, 2, 3).subarray(0, i + 1))
      // The second row ends the first batch: its escalation must travel with it.
      if (i === 1) packer.escalation(2, '2026-11-01T09:00:00+08:00')
    })
    packer.flush()
    expect(batches.length).toBe(2)
    const { sink, written } = recorder()
    const unpacker = new RowUnpacker()
    for (const batch of batches) unpacker.unpack(batch, sink)
    expect(written.rows).toEqual(full)
    expect(written.histories).toEqual([[0], [1, 1], [2, 1, 2]])
    expect(written.escalations).toEqual([[2, 2, '2026-11-01T09:00:00+08:00']])
  })

  it('refuses a row of the wrong width or with a value that is neither text, a number nor null', () => {
    const packer = new RowPacker(4, () => undefined)
    packer.values.push(1, 'x')
    expect(() => packer.next(new Uint8Array(1))).toThrow(/needs 33 values/)
    packer.values.length = 0
    packer.values.push(...Array.from({ length: 33 }, (_, i) => (i === 5 ? true : null)))
    expect(() => packer.next(new Uint8Array(1))).toThrow(/item is neither text, a number nor null/)
  })
})
