import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { writeFileDurably } from '../../../server/services/durable-file'

const dir = mkdtempSync(join(tmpdir(), 'pingan-durable-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('writeFileDurably', () => {
  it('leaves the whole file under its name and no temporary beside it', () => {
    const data = Buffer.alloc(3 * 1024 * 1024, 7)
    writeFileDurably(join(dir, 'a.jpg'), data, { exclusive: true })
    expect(readFileSync(join(dir, 'a.jpg')).equals(data)).toBe(true)
    expect(readdirSync(dir)).toEqual(['a.jpg'])
  })

  it('exclusive: refuses a name already taken, keeping the file there and no temporary', () => {
    writeFileSync(join(dir, 'b.jpg'), 'first')
    expect(() => writeFileDurably(join(dir, 'b.jpg'), Buffer.from('second'), { exclusive: true })).toThrow(/EEXIST/)
    expect(readFileSync(join(dir, 'b.jpg'), 'utf8')).toBe('first')
    expect(readdirSync(dir).sort()).toEqual(['a.jpg', 'b.jpg'])
  })
})
