/**
 * Incidents for exports and alerts, read through the one shared `listIncidents` of the
 * resolution stage, so that an export selects exactly what the incidents list shows for
 * the same filter.
 */
import type { Kysely } from 'kysely'
import { listIncidents, membersOf, toIncidentView } from '../../resolve/index.ts'
import type { Database } from '../../store/index.ts'
import type { IncidentFilter, IncidentView } from '../../domain/index.ts'

type Db = Kysely<Database>

/** Every incident matching `filter`, page by page (`limit` is the page size). */
export async function* incidentPages(db: Db, filter: IncidentFilter, pageSize = 500): AsyncGenerator<IncidentView[]> {
  let cursor = filter.cursor
  for (;;) {
    const page = await listIncidents(db, { ...filter, limit: filter.limit ?? pageSize, ...(cursor ? { cursor } : {}) })
    if (page.items.length) yield page.items
    if (!page.next_cursor) return
    cursor = page.next_cursor
  }
}

/** All incidents matching `filter` in one array. */
export async function allIncidents(db: Db, filter: IncidentFilter): Promise<IncidentView[]> {
  const out: IncidentView[] = []
  for await (const page of incidentPages(db, filter)) out.push(...page)
  return out
}

/** The views of the given incidents (any order; missing ids are left out). */
export async function incidentViews(db: Db, ids: readonly string[]): Promise<IncidentView[]> {
  if (ids.length === 0) return []
  const out: IncidentView[] = []
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000)
    const rows = await db.selectFrom('incidents').selectAll().where('id', 'in', chunk).execute()
    const members = await membersOf(db, rows.map((r) => r.id))
    for (const r of rows) {
      const m = members.get(r.id) ?? { report_ids: [], source_ids: [] }
      out.push(toIncidentView(r, m.report_ids, m.source_ids))
    }
  }
  return out
}
