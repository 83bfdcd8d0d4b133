import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestApp } from '../support/app'
import { read } from '../support/ledger'
import { openSeededApp } from '../support/seeded'

interface Operation {
  parameters?: Array<{ name: string; in: string; required?: boolean }>
  requestBody?: { content?: Record<string, { schema?: unknown }> }
  responses?: Record<string, { description?: string }>
}
interface Document {
  openapi: string
  info: { title: string; version: string }
  paths: Record<string, Record<string, Operation>>
  components?: Record<string, Record<string, unknown>>
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

let t: TestApp
let doc: Document

beforeAll(async () => {
  t = await openSeededApp()
  doc = await read<Document>(t.anonymous.get('/api/openapi.json'))
})
afterAll(() => t.close())

/** Every operation in the document as [method, path, operation]. */
const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => [method, path, op] as const),
  )

/** Every `$ref` string anywhere in a JSON value. */
function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refsIn(v, out)
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v)
      else refsIn(v, out)
    }
  return out
}

/** Follows a local JSON pointer (`#/components/schemas/Hazard`) through the document. */
function resolve(ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), doc)
}

describe('GET /api/openapi.json', () => {
  it('is served to anyone, without a session', async () => {
    const res = await t.anonymous.get('/api/openapi.json')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/application\/json/)
  })

  it('is an OpenAPI 3.1 document with a title and version', () => {
    expect(doc.openapi).toMatch(/^3\.1\./)
    expect(doc.info.title).toMatch(/\S/)
    expect(doc.info.version).toMatch(/\S/)
  })

  it('describes every path of the contract', () => {
    const contract = [
      '/api/hazards', '/api/hazards/{id}', '/api/hazards/{id}/actions',
      '/api/stats/summary', '/api/stats/trend', '/api/stats/areas',
      '/api/areas', '/api/sites', '/api/meta', '/api/auth/login',
      '/api/posts',
      '/api/scorecards', '/api/scorecards/indicators', '/api/scorecards/records', '/api/scorecards/export',
      '/api/traceback', '/api/traceback/export',
      '/api/check-plans/coverage', '/api/check-plans/missed',
      '/api/supervisions', '/api/hazards/{id}/supervision', '/api/hazards/{id}/supervision/close', '/api/hazards/{id}/extensions', '/api/hazards/{id}/extensions/{eid}/decision',
      '/api/inspections/{id}/photos', '/api/inspection-photos/{id}',
      '/api/warnings', '/api/warnings/summary', '/api/warnings/rules', '/api/warnings/calendar', '/api/warnings/{id}', '/api/warnings/{id}/actions',
    ]
    expect(contract.filter((p) => !doc.paths[p])).toEqual([])
  })

  it('describes both reading and reporting on /api/hazards', () => {
    expect(Object.keys(doc.paths['/api/hazards']!)).toEqual(expect.arrayContaining(['get', 'post']))
  })
})

describe('the document’s structure', () => {
  it('gives every operation at least one response, each with a description', () => {
    const bad = operations().filter(([, , op]) => {
      const responses = Object.entries(op.responses ?? {})
      return responses.length === 0 || responses.some(([, r]) => !r.description)
    })
    expect(bad.map(([m, p]) => `${m} ${p}`)).toEqual([])
  })

  it('gives every operation a response code that is a status or default', () => {
    const codes = operations().flatMap(([m, p, op]) => Object.keys(op.responses ?? {}).map((c) => [`${m} ${p}`, c] as const))
    expect(codes.filter(([, c]) => !/^([1-5]\d\d|[1-5]XX|default)$/.test(c))).toEqual([])
  })

  it('resolves every $ref inside the document', () => {
    const refs = [...new Set(refsIn(doc))]
    expect(refs.length).toBeGreaterThan(0)
    expect(refs.filter((r) => resolve(r) === undefined)).toEqual([])
  })

  it('declares every {parameter} of a path as a required path parameter', () => {
    const missing = operations().flatMap(([m, path, op]) =>
      [...path.matchAll(/\{(\w+)\}/g)]
        .map((match) => match[1]!)
        .filter((name) => !op.parameters?.some((p) => p.in === 'path' && p.name === name && p.required))
        .map((name) => `${m} ${path}: ${name}`),
    )
    expect(missing).toEqual([])
  })

  it('names each operation’s parameters once per location', () => {
    const dupes = operations().flatMap(([m, p, op]) => {
      const keys = (op.parameters ?? []).map((q) => `${q.in}:${q.name}`)
      return keys.filter((k, i) => keys.indexOf(k) !== i).map((k) => `${m} ${p} ${k}`)
    })
    expect(dupes).toEqual([])
  })

  it('gives the hazard list every filter api.md names, as query parameters', () => {
    const names = (doc.paths['/api/hazards']!.get!.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name)
    const filters = ['category', 'item', 'status', 'level', 'source', 'area', 'from', 'to', 'overdue', 'escalated', 'q', 'bbox', 'limit', 'cursor']
    expect(filters.filter((f) => !names.includes(f))).toEqual([])
  })

  it('gives the report and the action a JSON request body', () => {
    for (const path of ['/api/hazards', '/api/hazards/{id}/actions'])
      expect(doc.paths[path]!.post!.requestBody?.content?.['application/json']?.schema, path).toBeDefined()
  })
})
