/**
 * Row types of the tables that the monitor feature's migrations add (0005-monitor.sql):
 * agreements with their zones and obligations, and the registry of protected sites.
 * Merged into `Database`.
 */
import type { ColumnType } from 'kysely'

type Json<T> = ColumnType<T, T | string, T | string>
type Geometry = ColumnType<unknown, unknown, unknown>
type Timestamp = ColumnType<string, string | undefined, string>

export interface AgreementsTable {
  id: string
  name: string
  parties: string[]
  signed: string
  effective: string
  ends: string | null
  summary: string | null
  approximate: ColumnType<boolean, boolean | undefined, boolean>
  document: Json<Record<string, unknown>>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface AgreementZonesTable {
  agreement_id: string
  zone_id: string
  name: string
  effective: string
  approximate: ColumnType<boolean, boolean | undefined, boolean>
  construction: 'polygon' | 'band-line' | 'band-perimeter'
  geom: Geometry
}

export interface AgreementObligationsTable {
  agreement_id: string
  obligation_id: string
  seq: number
  text: string
  deadline: string | null
  status: 'pending' | 'met' | 'missed' | 'unknown' | null
  evidence: string | null
}

export interface ProtectedSitesTable {
  id: string
  name: string
  norm_name: string
  kind: 'school' | 'hospital_medical' | 'civil_defence' | 'market' | 'bakery' | 'mosque' | 'idp_camp'
  lat: number | null
  lon: number | null
  geom: Geometry
  admin1: string | null
  origin: 'manual' | 'extracted'
  source: string | null
  created_at: Timestamp
}

export interface SiteIncidentsTable {
  site_id: string
  incident_id: string
  linked_by: 'name' | 'distance' | 'created' | 'manual'
  distance_m: number | null
  created_at: Timestamp
}

export interface MonitorTables {
  agreements: AgreementsTable
  agreement_zones: AgreementZonesTable
  agreement_obligations: AgreementObligationsTable
  protected_sites: ProtectedSitesTable
  site_incidents: SiteIncidentsTable
}
