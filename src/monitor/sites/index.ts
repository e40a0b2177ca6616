/**
 * Protected sites: a registry of schools, hospitals and clinics, civil-defence centres,
 * markets, bakeries, mosques and IDP camps. Sites come from extracted targets
 * (`syncSitesFromIncidents`) or by hand (`addSite`); incidents are linked to a site when they
 * name it or hit a site of the same kind within 500 m; a site struck more than once is
 * flagged as a repeat. `sitesReport` lists the attacks on sites in a period and area.
 *
 * @example
 * await syncSitesFromIncidents(store.db)
 * const report = await sitesReport(store.db, { from: '2018-09-01', to: '2018-10-15', area: 'Idlib' })
 */
export { SITE_KINDS, SITE_KIND_LABEL, SiteKind, isSiteKind, normaliseSiteName } from './site-kinds.ts'
export { addSite, linkNearbyIncidents, syncSitesFromIncidents, listSites, LINK_DISTANCE_M, NewSite, type SiteView, type SyncResult } from './site-repository.ts'
export { sitesReport, type SiteReport, type SiteReportEntry, type SiteAttack } from './site-report.ts'
