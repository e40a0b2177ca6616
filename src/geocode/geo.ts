/** Small spherical helpers: distances and offsets on a sphere of the Earth's mean radius. */

const R = 6371.0088
const rad = (d: number): number => (d * Math.PI) / 180
const deg = (r: number): number => (r * 180) / Math.PI

/** Great-circle distance in km (haversine, https://en.wikipedia.org/wiki/Haversine_formula). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = rad(lat2 - lat1)
  const dLon = rad(lon2 - lon1)
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)))
}

/** The point `km` away from (lat, lon) along `bearingDeg` (0 = north, 90 = east). */
export function destination(lat: number, lon: number, bearingDeg: number, km: number): { lat: number; lon: number } {
  const d = km / R
  const b = rad(bearingDeg)
  const p1 = rad(lat)
  const l1 = rad(lon)
  const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b))
  const l2 = l1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2))
  return { lat: Math.round(deg(p2) * 1e6) / 1e6, lon: Math.round((((deg(l2) + 540) % 360) - 180) * 1e6) / 1e6 }
}
