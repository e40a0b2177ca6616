/**
 * Row types of the tables that the alerts and interoperability feature's migrations add
 * (`migrations/0006-alerts.sql`). Merged into `Database`.
 */
import type { ColumnType } from 'kysely'
import type { Geometry, Timestamp } from './database.ts'

export interface AlertRulesTable {
  id: string
  name: string
  webhook_url: string
  secret: string
  area_name: string | null
  area_keys: ColumnType<string[], string[] | undefined, string[]>
  area_geom: Geometry
  date_from: string | null
  date_to: string | null
  perpetrators: ColumnType<string[], string[] | undefined, string[]>
  weapons: ColumnType<string[], string[] | undefined, string[]>
  targets: ColumnType<string[], string[] | undefined, string[]>
  min_killed: number | null
  enabled: ColumnType<boolean, boolean | undefined, boolean>
  created_by: string | null
  created_at: Timestamp
}

export interface AlertDeliveriesTable {
  id: string
  rule_id: string
  incident_id: string
  state_key: string
  trigger: 'incident' | 'report'
  body: string
  status: ColumnType<'pending' | 'delivered' | 'failed', 'pending' | 'delivered' | 'failed' | undefined, 'pending' | 'delivered' | 'failed'>
  attempts: ColumnType<number, number | undefined, number>
  next_attempt_at: ColumnType<string, string | undefined, string>
  last_error: string | null
  delivered_at: string | null
  created_at: Timestamp
}

export interface AlertAttemptsTable {
  delivery_id: string
  attempt: number
  at: string
  url: string
  http_status: number | null
  outcome: 'delivered' | 'retry' | 'failed'
  error: string | null
  duration_ms: number
}

export interface ImportRecordsTable {
  dataset: string
  external_id: string
  incident_id: string
  report_id: string
  source_id: string
  line: number
  imported_at: Timestamp
}

export interface AlertsTables {
  alert_rules: AlertRulesTable
  alert_deliveries: AlertDeliveriesTable
  alert_attempts: AlertAttemptsTable
  import_records: ImportRecordsTable
}
