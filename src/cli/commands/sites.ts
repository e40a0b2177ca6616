import { parseArgs } from 'node:util'
import { openStore } from '../../store/index.ts'
import { SITE_KINDS, SITE_KIND_LABEL, SiteKind, addSite, listSites, sitesReport, syncSitesFromIncidents } from '../../monitor/sites/index.ts'
import { formatRange } from '../../monitor/agreements/index.ts'
import { IsoDate } from '../../domain/index.ts'
import { UsageError, type Command } from '../command.ts'

export const command: Command = {
  name: 'sites',
  summary: 'protected sites: register, link incidents, report attacks on them',
  usage: `harmwatch sites add --name NAME --kind KIND --lat LAT --lon LON [--source TEXT] [--admin1 NAME]
harmwatch sites sync
harmwatch sites list [--kind KIND] [--json]
harmwatch sites report --from DATE --to DATE [--area NAME] [--json]

Protected sites (kinds: ${SITE_KINDS.join(', ')}).
  add     register a site by hand; incidents already on record within 500 m that hit a
          site of that kind are linked to it
  sync    create or link sites from incidents whose targets include a protected kind
          (same named site, else the nearest of the same kind within 500 m, else a new site)
  list    the registry, with how many incidents hit each site (repeat = more than one)
  report  attacks on protected sites in a period and area`,
  async run(argv, { config, io }) {
    const { values, positionals } = parseArgs({
      args: argv, allowPositionals: true,
      options: {
        name: { type: 'string' }, kind: { type: 'string' }, lat: { type: 'string' }, lon: { type: 'string' }, source: { type: 'string' },
        admin1: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, area: { type: 'string' }, json: { type: 'boolean' },
      },
    })
    const [sub, ...extra] = positionals
    if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`)
    const kind = values.kind === undefined ? undefined : SiteKind.safeParse(values.kind)
    if (kind && !kind.success) throw new UsageError(`--kind "${values.kind}" is not one of ${SITE_KINDS.join(', ')}`)
    let add: Parameters<typeof addSite>[1] | undefined
    if (sub === 'add') {
      if (!values.name || !kind || !values.lat || !values.lon) throw new UsageError('add needs --name, --kind, --lat and --lon')
      const lat = Number(values.lat)
      const lon = Number(values.lon)
      if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw new UsageError(`--lat "${values.lat}" is not a latitude`)
      if (!Number.isFinite(lon) || lon < -180 || lon > 180) throw new UsageError(`--lon "${values.lon}" is not a longitude`)
      add = { name: values.name, kind: kind.data!, lat, lon, source: values.source ?? null, admin1: values.admin1 ?? null }
    } else if (sub === 'report') {
      for (const k of ['from', 'to'] as const) {
        if (!values[k]) throw new UsageError(`report needs --${k}`)
        if (!IsoDate.safeParse(values[k]).success) throw new UsageError(`--${k} "${values[k]}" is not a date (expected YYYY-MM-DD)`)
      }
    } else if (sub !== 'sync' && sub !== 'list') {
      throw new UsageError(sub ? `unknown subcommand "${sub}" (add, sync, list, report)` : 'missing subcommand (add, sync, list, report)')
    }
    const store = await openStore({ home: config.home, url: config.databaseUrl, schema: config.databaseSchema })
    try {
      if (add) {
        const r = await addSite(store.db, add)
        if (!r.ok) { io.err(r.error); return 1 }
        io.out(values.json ? JSON.stringify(r.value) : `Added site ${r.value.id}; linked ${r.value.linked} incident(s)`)
        return 0
      }
      if (sub === 'sync') {
        const r = await syncSitesFromIncidents(store.db)
        io.out(values.json ? JSON.stringify(r) : `Sites: ${r.created} created, ${r.linked} incident link(s) added, ${r.skipped} incident(s) without a place skipped`)
        return 0
      }
      if (sub === 'list') {
        const list = await listSites(store.db, { ...(kind?.data ? { kind: kind.data } : {}), ...(values.area ? { area: values.area } : {}) })
        if (values.json) { io.out(JSON.stringify(list, null, 2)); return 0 }
        for (const s of list) {
          const where = s.lat !== null && s.lon !== null ? `${s.lat.toFixed(4)}, ${s.lon.toFixed(4)}` : 'no point'
          io.out(`${s.id}  ${SITE_KIND_LABEL[s.kind].padEnd(20)} ${s.name} (${where}) ${s.incidents} incident(s)${s.repeat ? '  REPEAT' : ''}`)
        }
        if (list.length === 0) io.out('No protected sites (harmwatch sites sync, or sites add)')
        return 0
      }
      const report = await sitesReport(store.db, { from: values.from!, to: values.to!, ...(values.area ? { area: values.area } : {}) })
      if (values.json) { io.out(JSON.stringify(report, null, 2)); return 0 }
      io.out(`Attacks on protected sites, ${values.from} to ${values.to}${values.area ? `, ${values.area}` : ''}: ${report.incidents} incident(s) on ${report.sites.length} site(s)`)
      for (const k of report.by_kind) io.out(`  ${SITE_KIND_LABEL[k.kind].padEnd(22)} ${k.sites} site(s), ${k.attacks} attack(s)`)
      for (const s of report.sites) {
        io.out(`${s.name} [${SITE_KIND_LABEL[s.kind]}]${s.repeat ? ` REPEAT: ${s.attacks_total} attacks on record` : ''}`)
        for (const a of s.attacks) io.out(`  ${a.date ?? 'undated'}  ${a.perpetrator ?? 'unknown'}  ${a.weapon ?? 'unknown'}  killed ${formatRange(a.killed)}  (${a.incident_id})`)
      }
      return 0
    } finally {
      await store.close()
    }
  },
}
