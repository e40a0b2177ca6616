import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { openStore } from '../../store/index.ts'
import { IncidentFilter } from '../../domain/index.ts'
import { ExportFormat, exportIncidents } from '../../monitor/interop/index.ts'
import { UsageError, type Command } from '../command.ts'

export const command: Command = {
  name: 'export',
  summary: 'export incidents as ACLED, UCDP GED, GeoJSON, KML or HXL',
  usage: `harmwatch export --format acled|ucdp|geojson|kml|hxl [filters] [-o FILE]

Writes the incidents that \`harmwatch incidents\` and GET /api/incidents select with the
same filters: ACLED's 31 columns, UCDP GED columns, a GeoJSON FeatureCollection, KML or
HXL-tagged CSV. Sensitive fields (victims' names, reviewer notes) are never exported.

Filters:
  --from YYYY-MM-DD  --to YYYY-MM-DD   period (an incident overlapping it is in)
  --area NAME                          governorate or district, any spelling
  --perpetrator a,b  --weapon a,b  --target a,b  --grade a,b
  --bbox W,S,E,N                       bounding box in degrees
  --q TEXT                             full text over the incidents' sources
  -o, --output FILE                    write to FILE instead of standard output`,
  async run(argv, { config, io }) {
    const { values } = parseArgs({
      args: argv,
      options: {
        format: { type: 'string' }, output: { type: 'string', short: 'o' }, from: { type: 'string' }, to: { type: 'string' },
        area: { type: 'string' }, perpetrator: { type: 'string' }, weapon: { type: 'string' }, target: { type: 'string' },
        grade: { type: 'string' }, bbox: { type: 'string' }, q: { type: 'string' },
      },
    })
    const format = ExportFormat.safeParse(values.format)
    if (!format.success) throw new UsageError(`--format must be one of acled, ucdp, geojson, kml, hxl (got ${values.format === undefined ? 'nothing' : `"${values.format}"`})`)
    const { format: _f, output, ...filterFlags } = values
    const filter = IncidentFilter.safeParse(Object.fromEntries(Object.entries(filterFlags).filter(([, v]) => v !== undefined)))
    if (!filter.success) {
      const i = filter.error.issues[0]
      throw new UsageError(`--${String(i?.path[0] ?? 'filter')}: ${i?.message}`)
    }
    const store = await openStore({ home: config.home, url: config.databaseUrl, schema: config.databaseSchema })
    try {
      const { body, count } = await exportIncidents(store.db, format.data, filter.data)
      if (output) {
        writeFileSync(output, body)
        io.err(`Wrote ${count} incident${count === 1 ? '' : 's'} as ${format.data} to ${output}`)
      } else io.out(body)
      return 0
    } finally {
      await store.close()
    }
  },
}
