/** The place an export writes for an incident: its first place (the resolved location). */
import type { IncidentView, Precision } from '../../domain/index.ts'

export interface ExportPlace { name: string; lat: number | null; lon: number | null; precision: Precision; admin1: string | null }

export function firstPlace(v: IncidentView): ExportPlace {
  const p = v.places[0]
  const extra = v as IncidentView & { lat?: number | null; lon?: number | null }
  return {
    name: p?.name ?? '',
    lat: p?.lat ?? extra.lat ?? null,
    lon: p?.lon ?? extra.lon ?? null,
    precision: p?.precision ?? 3,
    admin1: p?.admin1 ?? v.admin1,
  }
}
