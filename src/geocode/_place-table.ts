/**
 * Places column by column, for the in-memory index: 100,000 place objects with boxed
 * coordinates cost about a third more than these columns. Strings are shared with the input.
 */
import type { GazetteerPlace } from './gazetteer-place.ts'

export class PlaceTable {
  readonly #id: string[]
  readonly #name: string[]
  readonly #nameAr: (string | null)[]
  readonly #lat: Float64Array
  readonly #lon: Float64Array
  readonly #admin1: (string | null)[]
  readonly #admin2: (string | null)[]
  readonly #admin3: (string | null)[]
  readonly #pcode: (string | null)[]
  readonly #feature: string[]
  readonly #source: string[]
  /** NaN for unknown */
  readonly #population: Float64Array

  constructor(places: readonly GazetteerPlace[]) {
    const n = places.length
    this.#id = places.map((p) => p.id)
    this.#name = places.map((p) => p.name)
    this.#nameAr = places.map((p) => p.name_ar)
    this.#lat = Float64Array.from(places, (p) => p.lat)
    this.#lon = Float64Array.from(places, (p) => p.lon)
    this.#admin1 = places.map((p) => p.admin1)
    this.#admin2 = places.map((p) => p.admin2)
    this.#admin3 = places.map((p) => p.admin3)
    this.#pcode = places.map((p) => p.pcode)
    this.#feature = places.map((p) => p.feature)
    this.#source = places.map((p) => p.source)
    this.#population = Float64Array.from(places, (p) => p.population ?? Number.NaN)
    if (this.#id.length !== n) throw new Error('Cannot build the place table: lengths differ')
  }

  get length(): number { return this.#id.length }
  id(i: number): string { return this.#id[i]! }
  name(i: number): string { return this.#name[i]! }
  nameAr(i: number): string | null { return this.#nameAr[i] ?? null }
  lat(i: number): number { return this.#lat[i]! }
  lon(i: number): number { return this.#lon[i]! }
  admin1(i: number): string | null { return this.#admin1[i] ?? null }
  admin2(i: number): string | null { return this.#admin2[i] ?? null }
  admin3(i: number): string | null { return this.#admin3[i] ?? null }
  pcode(i: number): string | null { return this.#pcode[i] ?? null }
  feature(i: number): string { return this.#feature[i]! }
  source(i: number): string { return this.#source[i]! }
  population(i: number): number | null { const v = this.#population[i]!; return Number.isNaN(v) ? null : v }
}
