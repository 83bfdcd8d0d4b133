import { BULK_HAZARD_WIDTH, type HazardSink, bulkHazardFields } from '../../store/bulk-load'

/**
 * The ledger's flat rows (server/store/bulk-load.ts) packed for a trip between threads: the demo
 * seed generates on a worker thread (worker.ts) while the main thread loads. Structured cloning the
 * rows as they are costs the receiving thread ≈ 4 µs a hazard, as much as inserting them; packed,
 * a row is a few integers, and a string the ledger repeats (a title, a village's id, a day) crosses
 * once, then goes by its number in a table both sides keep.
 */
export interface RowBatch {
  type: 'rows'
  /** per row, per field: its string's number in the table (≥ 0), or NULL_CELL, NUMBER_CELL, INLINE_CELL */
  cells: Int32Array
  /** the numbers of NUMBER_CELL cells, in order */
  numbers: Float64Array
  /** the strings of INLINE_CELL cells, in order: those nearly every hazard has its own of */
  inline: string[]
  /** strings added to the table by this batch, numbered on from the last batch's */
  fresh: string[]
  /** the rows' histories end to end, and where each ends */
  histories: Uint8Array
  ends: Int32Array
  /** escalations: the row (in this batch) each follows, and the hazard's id and instant */
  escalationRows: Int32Array
  escalationIds: Int32Array
  escalationAt: string[]
}

const NULL_CELL = -1
const NUMBER_CELL = -2
const INLINE_CELL = -3
/** Fields that differ from hazard to hazard (a person's name nearly so): sent as they are, not kept in the table. */
const inlineFields: ReadonlySet<string> = new Set(['code', 'foundAt', 'reportedAt', 'receivedAt', 'updatedAt', 'responsiblePerson'])
const inlineField = bulkHazardFields.map((f) => inlineFields.has(f))

/** The generating side: a HazardSink that packs rows into batches of `size` and hands each to `send`. */
export class RowPacker {
  readonly values: unknown[] = []
  private readonly table = new Map<string, number>()
  private rows = 0
  private cells: Int32Array
  private numbers: number[] = []
  private inline: string[] = []
  private fresh: string[] = []
  private histories: Uint8Array
  private used = 0
  private ends: Int32Array
  private escalations: { rows: number[]; ids: number[]; at: string[] } = { rows: [], ids: [], at: [] }

  constructor(private readonly size: number, private readonly send: (batch: RowBatch, transfer: ArrayBuffer[]) => void) {
    this.cells = new Int32Array(size * BULK_HAZARD_WIDTH)
    this.histories = new Uint8Array(size * 128)
    this.ends = new Int32Array(size)
  }

  next(history: Uint8Array): void {
    const { values } = this
    if (values.length !== BULK_HAZARD_WIDTH) throw new Error(`a bulk hazard row needs ${BULK_HAZARD_WIDTH} values`)
    // A full batch goes when the next row comes, not at once: an escalation follows its row into the same batch.
    if (this.rows === this.size) this.flush()
    const base = this.rows * BULK_HAZARD_WIDTH
    for (let f = 0; f < BULK_HAZARD_WIDTH; f++) {
      const v = values[f]
      let cell: number
      if (v === null) cell = NULL_CELL
      else if (typeof v === 'number') {
        cell = NUMBER_CELL
        this.numbers.push(v)
      } else if (typeof v !== 'string') throw new Error(`a bulk hazard's ${bulkHazardFields[f]} is neither text, a number nor null`)
      else if (inlineField[f]) {
        cell = INLINE_CELL
        this.inline.push(v)
      } else {
        const known = this.table.get(v)
        if (known === undefined) {
          cell = this.table.size
          this.table.set(v, cell)
          this.fresh.push(v)
        } else cell = known
      }
      this.cells[base + f] = cell
    }
    // Emptied by pop(), which keeps the array's room for the next row: `length = 0` lets it go, and
    // the next row's push() allocated it anew (≈ a quarter of the worker's garbage).
    for (let f = values.length; f > 0; f--) values.pop()
    if (this.used + history.length > this.histories.length) {
      const grown = new Uint8Array(Math.max(2 * this.histories.length, this.used + history.length))
      grown.set(this.histories.subarray(0, this.used))
      this.histories = grown
    }
    // set(), not a loop: at ≈ 80 bytes a history, the loop's checked reads cost more than set()'s call
    this.histories.set(history, this.used)
    this.used += history.length
    this.ends[this.rows++] = this.used
  }

  escalation(hazardId: number, at: string): void {
    this.escalations.rows.push(this.rows - 1)
    this.escalations.ids.push(hazardId)
    this.escalations.at.push(at)
  }

  /** Sends what is packed (nothing when empty). */
  flush(): void {
    if (this.rows === 0) return
    const batch: RowBatch = {
      type: 'rows',
      cells: this.cells.slice(0, this.rows * BULK_HAZARD_WIDTH),
      numbers: Float64Array.from(this.numbers),
      inline: this.inline,
      fresh: this.fresh,
      histories: this.histories.slice(0, this.used),
      ends: this.ends.slice(0, this.rows),
      escalationRows: Int32Array.from(this.escalations.rows),
      escalationIds: Int32Array.from(this.escalations.ids),
      escalationAt: this.escalations.at,
    }
    this.rows = 0
    this.used = 0
    this.numbers = []
    this.inline = []
    this.fresh = []
    this.escalations = { rows: [], ids: [], at: [] }
    this.send(batch, [batch.cells.buffer, batch.numbers.buffer, batch.histories.buffer, batch.ends.buffer, batch.escalationRows.buffer, batch.escalationIds.buffer] as ArrayBuffer[])
  }
}

/** The loading side: unpacks batches, in the order they were packed, into a sink as the generator wrote them. */
export class RowUnpacker {
  private readonly table: string[] = []

  unpack(batch: RowBatch, sink: HazardSink): void {
    const { table } = this
    for (const s of batch.fresh) table.push(s)
    const { cells, numbers, inline, histories, ends, escalationRows, escalationIds, escalationAt } = batch
    const { values } = sink
    let number = 0
    let text = 0
    let escalation = 0
    let start = 0
    for (let r = 0; r < ends.length; r++) {
      const base = r * BULK_HAZARD_WIDTH
      for (let f = 0; f < BULK_HAZARD_WIDTH; f++) {
        const cell = cells[base + f]!
        values.push(cell >= 0 ? table[cell] : cell === NULL_CELL ? null : cell === NUMBER_CELL ? numbers[number++] : inline[text++])
      }
      sink.next(histories.subarray(start, ends[r]))
      start = ends[r]!
      for (; escalation < escalationRows.length && escalationRows[escalation] === r; escalation++) sink.escalation(escalationIds[escalation]!, escalationAt[escalation]!)
    }
  }
}
