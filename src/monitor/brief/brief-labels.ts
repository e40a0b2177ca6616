/** Words for the closed vocabularies, as a monitor would write them in prose and tables. */
export const PERPETRATOR_LABEL: Record<string, string> = {
  russia: 'Russian forces', syrian_government: 'Syrian government forces',
  russia_or_syrian_government: 'Russian or Syrian government forces', us_coalition: 'the US-led coalition', turkey: 'Turkish forces',
  israel: 'Israeli forces', opposition: 'armed opposition groups', hts: "Hay'at Tahrir al-Sham", isis: 'ISIS', sdf_ypg: 'the SDF/YPG',
  unknown: 'unidentified perpetrators',
}
export const PARTY_LABEL: Record<string, string> = {
  russia: 'Russia', turkey: 'Turkey', syrian_government: 'the Syrian government', us_coalition: 'the US-led coalition', israel: 'Israel',
  opposition: 'the armed opposition', hts: "Hay'at Tahrir al-Sham", iran: 'Iran',
}
export const WEAPON_LABEL: Record<string, string> = {
  airstrike: 'airstrikes', barrel_bomb: 'barrel bombs', cluster_munition: 'cluster munitions', shelling_artillery: 'shelling',
  rocket_missile: 'rockets and missiles', drone: 'drone strikes', chemical: 'chemical weapons', ied_car_bomb: 'IEDs and car bombs',
  small_arms: 'small-arms fire', unknown: 'unidentified weapons',
}
/** The colours of the web map (src/web/map-view.ts), so figures and map agree. */
export const WEAPON_COLOUR: Record<string, string> = {
  airstrike: '#d7301f', barrel_bomb: '#7a0177', cluster_munition: '#f16913', shelling_artillery: '#2171b5', rocket_missile: '#41ab5d',
  drone: '#8c6d31', chemical: '#e7ba52', ied_car_bomb: '#636363', small_arms: '#17becf', unknown: '#969696',
}
export const PERPETRATOR_COLOUR: Record<string, string> = {
  russia: '#b2182b', syrian_government: '#2166ac', russia_or_syrian_government: '#8073ac', us_coalition: '#1b7837', turkey: '#e08214',
  israel: '#35978f', opposition: '#bf812d', hts: '#543005', isis: '#252525', sdf_ypg: '#d6604d', unknown: '#999999',
}

const SMALL = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty']
/** Numbers up to twenty in words, as house style writes them in prose. */
export function numberWord(n: number): string {
  return SMALL[n] ?? n.toLocaleString('en-GB')
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
/** '2018-09-04' -> '4 September 2018' (or '4 September' with `year: false`). */
export function longDate(iso: string, year = true): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  return `${d} ${MONTHS[m - 1]}${year ? ` ${y}` : ''}`
}

export function capitalise(s: string): string {
  return s.slice(0, 1).toUpperCase() + s.slice(1)
}

/** "a, b and c" */
export function listPhrase(items: string[]): string {
  if (items.length <= 1) return items[0] ?? ''
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}
