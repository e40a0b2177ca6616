/**
 * The OpenAPI 3.1 document of the API, generated from the zod schemas that validate the
 * requests (`schemas.ts`), so the document and the validation cannot drift apart.
 */
import { z } from 'zod'
import { IncidentView } from '../domain/index.ts'
import { AcceptBody, CorrectBody, ExportQuery, GradeBody, IncidentQuery, MergeBody, QueueQuery, RejectBody, SplitBody } from './schemas.ts'
import { LoginBody } from './auth.ts'

type Json = Record<string, unknown>

const schemaOf = (s: z.ZodType, io: 'input' | 'output' = 'output'): Json => {
  const j = z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json
  delete j.$schema
  return j
}

/** Query parameters from an object schema: arrays are comma-separated (`weapon=airstrike,barrel_bomb`). */
function queryParams(schema: z.ZodObject): Json[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const s = schemaOf(field as z.ZodType)
    const isArray = s.type === 'array' || (s.type === undefined && JSON.stringify(s).includes('"type":"array"'))
    const description = (field as z.ZodType).description ?? (s.description as string | undefined)
    return {
      name, in: 'query', required: false, schema: s,
      ...(isArray ? { style: 'form', explode: false } : {}),
      ...(description ? { description } : {}),
    }
  })
}

const errorResponse = (description: string): Json => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } })
const stdErrors = { 400: errorResponse('invalid parameter or body'), 401: errorResponse('not logged in'), 403: errorResponse('role too low'), 500: errorResponse('internal error (no details)') }
const body = (s: z.ZodType): Json => ({ required: true, content: { 'application/json': { schema: schemaOf(s, 'input') } } })
const jsonOk = (description: string, schema: Json = {}): Json => ({ description, content: { 'application/json': { schema } } })

export function openApiDocument(): Json {
  const filter = queryParams(IncidentQuery as unknown as z.ZodObject)
  const exportParams = queryParams(ExportQuery as unknown as z.ZodObject)
  const incidentList = { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Incident' } }, next_cursor: { type: ['string', 'null'] } } }
  const review = (summary: string, s: z.ZodType, role: string) => ({
    post: {
      summary: `${summary} (role ${role})`, requestBody: body(s),
      responses: { 200: jsonOk('done; the entity with its new version'), 404: errorResponse('no such entity'), 409: errorResponse('version conflict: reload and retry'), 413: errorResponse('body too large'), ...stdErrors },
    },
  })
  const idParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } })
  return {
    openapi: '3.1.0',
    info: { title: 'Harmwatch API', version: '0.1.0', description: 'Incidents of harm to civilians, their claims, sources and evidence. Every list, map, stat and export applies the same incident filter.' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'hw_session' } },
      schemas: {
        Incident: schemaOf(IncidentView.extend({ lat: z.number().nullable(), lon: z.number().nullable(), precision: z.number().int().nullable() })),
        Error: { type: 'object', required: ['error'], properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} } } } },
      },
    },
    security: [{ bearer: [] }, { session: [] }, {}],
    paths: {
      '/api/login': { post: { summary: 'Log in: sets an HttpOnly session cookie', security: [], requestBody: body(LoginBody), responses: { 200: jsonOk('logged in'), 401: errorResponse('wrong name or password'), 429: errorResponse('too many attempts') } } },
      '/api/logout': { post: { summary: 'Log out', responses: { 200: jsonOk('logged out') } } },
      '/api/me': { get: { summary: 'Who is asking', responses: { 200: jsonOk('the user or null') } } },
      '/api/incidents': { get: { summary: 'Incidents matching the filter, a page at a time (cursor)', parameters: filter, responses: { 200: jsonOk('a page', incidentList), ...stdErrors } } },
      '/api/incidents.geojson': { get: { summary: 'The same as GeoJSON (FeatureCollection of points)', parameters: filter, responses: { 200: { description: 'GeoJSON', content: { 'application/geo+json': { schema: { type: 'object' } } } }, ...stdErrors } } },
      '/api/incidents/{id}': { get: { summary: 'One incident with its claims (reports), evidence spans and sources', parameters: [idParam('id')], responses: { 200: jsonOk('the incident'), 404: errorResponse('no such incident'), ...stdErrors } } },
      '/api/incidents/merge': review('Merge incidents into the first', MergeBody, 'editor'),
      '/api/incidents/{id}/split': { ...review('Split reports off into a new incident', SplitBody, 'editor'), parameters: [idParam('id')] },
      '/api/incidents/{id}/grade': { ...review('Set the grade (with a reason)', GradeBody, 'editor'), parameters: [idParam('id')] },
      '/api/reports/{id}/accept': { ...review('Accept a report', AcceptBody, 'analyst'), parameters: [idParam('id')] },
      '/api/reports/{id}/correct': { ...review('Correct a field of a report (with a reason)', CorrectBody, 'analyst'), parameters: [idParam('id')] },
      '/api/reports/{id}/reject': { ...review('Reject a report (with a reason)', RejectBody, 'analyst'), parameters: [idParam('id')] },
      '/api/review/queue': { get: { summary: 'Unreviewed reports and incidents (role analyst)', parameters: queryParams(QueueQuery), responses: { 200: jsonOk('the queue'), ...stdErrors } } },
      '/api/stats': { get: { summary: 'Counts and killed/injured ranges by day, perpetrator, weapon and admin area', parameters: filter.filter((p) => !['cursor', 'limit', 'format'].includes(String(p.name))), responses: { 200: jsonOk('stats'), ...stdErrors } } },
      '/api/export': { get: { summary: 'All matching incidents as a file: ACLED 31-column CSV, GeoJSON or HXL-tagged CSV', parameters: exportParams, responses: { 200: { description: 'a file', content: { 'text/csv': {}, 'application/geo+json': {} } }, ...stdErrors } } },
      '/api/sources/{id}': { get: { summary: 'A source: metadata, derived text, its reports', parameters: [idParam('id')], responses: { 200: jsonOk('the source'), 404: errorResponse('no such source'), ...stdErrors } } },
      // The monitoring stage's routes (src/api/monitor-routes.ts), mounted beside ours.
      '/api/agreements': { get: { summary: 'Agreements (ceasefires, de-escalation memoranda) with obligation status', parameters: [{ name: 'as_of', in: 'query', schema: { type: 'string', format: 'date' } }], responses: { 200: jsonOk('agreements'), ...stdErrors } } },
      '/api/agreements/zones.geojson': { get: { summary: 'Every agreement zone as one FeatureCollection (the map layer)', responses: { 200: { description: 'GeoJSON', content: { 'application/geo+json': {} } }, ...stdErrors } } },
      '/api/agreements/{id}': { get: { summary: 'One agreement with zones and obligations', parameters: [idParam('id')], responses: { 200: jsonOk('agreement'), 404: errorResponse('no such agreement'), ...stdErrors } } },
      '/api/agreements/{id}/violations': { get: { summary: 'Incidents inside its zones after it took effect, by perpetrator and week', parameters: [idParam('id'), ...['as_of', 'from', 'to'].map((n) => ({ name: n, in: 'query', schema: { type: 'string', format: 'date' } }))], responses: { 200: jsonOk('violations'), 404: errorResponse('no such agreement'), ...stdErrors } } },
      '/api/sites': { get: { summary: 'Protected sites (schools, hospitals, civil-defence centres, markets, ...)', responses: { 200: jsonOk('sites'), ...stdErrors } } },
      '/api/sites/report': { get: { summary: 'Attacks on protected sites in a period and area', responses: { 200: jsonOk('report'), ...stdErrors } } },
      '/api/brief': { get: { summary: 'Situation brief for a period and area (format html, md or pdf)', responses: { 200: { description: 'the brief', content: { 'text/html': {}, 'text/markdown': {}, 'application/pdf': {} } }, ...stdErrors } } },
      '/api/import': { post: { summary: 'Import an ACLED, UCDP, Airwars or GeoJSON file (raw body; role editor)', responses: { 200: jsonOk('import summary'), 413: errorResponse('file too large'), 422: errorResponse('refused'), ...stdErrors } } },
      '/api/sources/{id}/original': { get: { summary: 'The original bytes as ingested; X-Content-SHA256 header carries the hash', parameters: [idParam('id')], responses: { 200: { description: 'the original', headers: { 'X-Content-SHA256': { schema: { type: 'string' } } } }, 404: errorResponse('no such source'), ...stdErrors } } },
    },
  }
}
