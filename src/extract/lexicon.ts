/**
 * The extractor's vocabulary: who attacked, with what, against what, and who reported it.
 * Each entry is a compiled pattern (global, run on the normalised text once per sentence)
 * and the contract value it stands for. Patterns are compiled once per process.
 */
import type { Perpetrator, Target, Weapon } from '../domain/index.ts'

export interface Term<T> {
  value: T
  re: RegExp
  /** stronger evidence wins when one clause names several values */
  weight: number
}

const t = <T>(value: T, src: string, weight = 1, flags = 'gi'): Term<T> => ({ value, re: new RegExp(src, flags), weight })

const RU = String.raw`(?:Russian|Russia's|Russia)`
const GOV = String.raw`(?:Syrian\s+)?(?:regime|government|Assad(?:\s+regime)?|Syrian\s+army|Syrian\s+Arab\s+Army|Syrian\s+air\s+force|pro-(?:government|regime|Assad))`
const MOD = String.raw`(?:(?:fixed-wing|military|armed|unmanned|[A-Z]{1,3}-?\d+\w*)\s+)?`
const AIR = String.raw`${MOD}(?:warplanes?|war\s+planes?|jets?|fighter\s+jets?|aircraft|planes?|air\s*force|airstrikes?|air\s+strikes?|air\s+raids?|bombers?|helicopters?|forces|troops|military|attacks?|strikes?|artillery|shelling|bombardment|missiles?)`

/**
 * Perpetrators. Joint or hedged attributions come first and weigh most, so that "both Russian
 * and Syrian regime aircraft" is not read as two single claims. Helicopters are the Syrian
 * government's: Russia did not fly barrel-bomb sorties with its Mi-8s in Syria.
 */
export const PERPETRATOR_TERMS: Term<Perpetrator>[] = [
  t('russia', String.raw`\b(?:believed|thought|suspected|likely|probably|assumed)\s+(?:to\s+(?:be|have\s+been)\s+)?(?:by\s+)?(?:a\s+)?Russian\b(?!\s+(?:or|and|and/or)\s+(?:Syrian|regime|government))`, 5),
  t('russia_or_syrian_government', String.raw`\b(?:both\s+)?${RU}\s+(?:and|or|and/or|and\s+the|or\s+the)\s+${GOV}`, 4),
  t('russia_or_syrian_government', String.raw`\b(?:both\s+)?${GOV}\s+(?:and|or|and/or|and\s+the|or\s+the)\s+${RU}`, 4),
  t('russia_or_syrian_government', String.raw`\b${GOV}(?:\s+(?:forces|troops|army))?\s+and\s+(?:its|their)\s+Russian\s+(?:allies|ally|backers|partners)\b`, 4),
  t('russia_or_syrian_government', String.raw`\b(?:Syrian-Russian|Russian-Syrian|Russian-regime|regime-Russian|Russian-Assad|Assad-Russian)\b`, 4),
  t('russia_or_syrian_government', String.raw`\bRussia\s+(?:and|or)\s+Syria\b|\bSyria\s+(?:and|or)\s+Russia\b`, 4),
  t('russia_or_syrian_government', String.raw`\b(?:Syrian\s+or\s+Russian|Russian\s+or\s+Syrian|Syrian\s+and\s+Russian|Russian\s+and\s+Syrian)\b`, 4),
  t('russia_or_syrian_government', String.raw`\b(?:unclear|not\s+clear|unknown)\s+whether\s+(?:the\s+)?(?:aircraft|jets|warplanes|planes|strikes?)\s+(?:were|was)\s+(?:Russian|Syrian)`, 4),
  t('russia', String.raw`\b${RU}\s+(?:and\s+)?(?:${AIR}|warplane|Su-\d+|Sukhoi|bombing|airpower)\b`, 3),
  t('russia', String.raw`\b(?:by|from)\s+Russia\b|\b(?:Russia|Russian\s+forces)\s+(?:carried\s+out|launched|conducted|stepped\s+up)\b|\b(?:planes|jets|aircraft|warplanes|helicopters)\s+(?:were|was)\s+(?:probably\s+|likely\s+)?Russian\b(?!\s+(?:or|and|and/or)\s+(?:Syrian|regime|government))`, 3),
  t('syrian_government', String.raw`\b(?:planes|jets|aircraft|warplanes|helicopters)\s+(?:were|was)\s+(?:probably\s+|likely\s+)?(?:Syrian|the\s+regime's|regime)\b(?!\s+(?:or|and|and/or)\s+Russian)`, 3),
  t('russia', String.raw`\bRussian\b`, 1),
  t('syrian_government', String.raw`\b(?:Mi-\d+|Hip|military|regime|government|Syrian)?\s*helicopters?\b`, 2),
  t('syrian_government', String.raw`\b(?:Assad|regime|government|pro-government|pro-regime|loyalist|Syrian\s+army|Syrian\s+Arab\s+Army|SAA|Tiger\s+Forces|Fourth\s+Division|Syrian\s+air\s+force|Syrian\s+military|Syrian\s+troops|Iranian-backed\s+militias?|Iran-backed\s+militias?|Hezbollah)\b`, 2),
  t('us_coalition', String.raw`\b(?:United\s+States|U\.S\.|US|American)\b(?=[^.;]{0,40}\b(?:launched|struck|carried\s+out|fired|bombed)\b)`, 2),
  t('us_coalition', String.raw`\b(?:US-led|U\.S\.-led|American-led|international|anti-ISIS|anti-IS)\s+coalition\b`, 2),
  t('us_coalition', String.raw`\bcoalition\s+(?:${AIR}|warplane)|\b(?:US|U\.S\.|American|United\s+States)\s+(?:${AIR}|drones?)\b|\bCJTF-OIR\b|\bOperation\s+Inherent\s+Resolve\b`, 3),
  t('turkey', String.raw`\b(?:Turkish|Turkey's|Turkey)\s+(?:${AIR}|drones?|army|armed\s+forces|border\s+guards?|gendarmerie|tanks?|howitzers?)\b|\bTurkish\s+(?:military|soldiers)\b`, 3),
  t('israel', String.raw`\b(?:Israeli|Israel's|Israel)\s+(?:${AIR}|drones?|army|military)\b|\bIDF\b`, 3),
  t('opposition', String.raw`\b(?:fired|launched)\s+from\s+(?:(?:opposition|rebel|insurgent|HTS)-(?:held|controlled)|(?:opposition|rebel|insurgent|HTS)\s+positions)\b`, 4),
  t('syrian_government', String.raw`\b(?:fired|launched)\s+from\s+(?:regime|government|army)\s+positions\b`, 4),
  t('syrian_government', String.raw`\b(?:fired|launched)\s+from\s+(?:regime|government)-(?:held|controlled)\b`, 4),
  t('opposition', String.raw`\b(?:Turkish-backed|Turkey-backed)\s+(?:factions?|groups?|fighters|rebels|forces)\b`, 4),
  t('opposition', String.raw`\b(?:armed\s+)?(?:opposition|rebel|insurgent)\s+(?:factions?|groups?|fighters|forces|artillery|shelling|rockets?|mortars?|shells)\b|\b(?:factions|rebels|insurgents|Free\s+Syrian\s+Army|FSA|National\s+Liberation\s+Front|NLF|Jaish\s+al-Izza|Syrian\s+National\s+Army|SNA|Ahrar\s+al-Sham|Faylaq\s+al-Sham|Jaish\s+al-Islam)\b`, 2),
  t('hts', String.raw`\b(?:HTS|Hay'?at\s+Tahrir\s+al-Sham|Hayat\s+Tahrir\s+al-Sham|Tahrir\s+al-Sham|Jabhat\s+al-Nusra|al-Nusra\s+Front|Nusra\s+Front|Jabhat\s+Fateh\s+al-Sham|Nusra)\b`, 2),
  t('isis', String.raw`\b(?:ISIS|ISIL|Islamic\s+State|Daesh|Daish)\b`, 2),
  t('sdf_ypg', String.raw`\b(?:US-backed|U\.S\.-backed|American-backed)\s+(?:fighters|forces|militias?|alliance)\b`, 3),
  t('sdf_ypg', String.raw`\b(?:SDF|YPG|YPJ|PKK|Syrian\s+Democratic\s+Forces|Kurdish(?:-led)?\s+(?:forces|fighters|militia|militias)|People's\s+Protection\s+Units)\b`, 2),
  t('unknown', String.raw`\b(?:unidentified|unknown)\s+(?:${AIR}|gunmen|assailants|attackers|drones?|perpetrators?)\b`, 3),
]

/** "dominated by the al-Qaida-linked HTS", "ruled by HTS": who holds the place, not who attacked it. */
export const CONTROL_BEFORE = /\b(?:dominated|ruled|governed|administered|held|controlled|besieged|surrounded)\s+by\s+(?:the\s+)?(?:[\w'-]+-(?:linked|affiliated|allied|backed)\s+)?$/i

/** Words that make a perpetrator mention a place description or a victim, not the attacker. */
export const NOT_AGENT_AFTER = /^[\s-]*(?:(?:group)?'s\s+(?:\w+\s+)?(?:capital|stronghold)|'s\s+(?:security|headquarters|apparatus|offices?|bases?|positions|checkpoints?|members|prisons?)|\w+\s+(?:was|were)\s+(?:shot\s+down|downed)|(?:was|were)\s+(?:shot\s+down|downed|hit)|(?:and\s+(?:the\s+)?[\w.]+\s+)?(?:said|say|says|reported|denied|accused|blamed|condemned)\b(?!\s+(?:that\s+)?(?:it|they)\s+(?:had\s+)?(?:struck|carried\s+out|bombed|launched|targeted|hit))|media|outlets?|newspapers?|news|television|TV|channels?|websites?|-?held|-?controlled|controlled|held|-?run|positions?|territor(?:y|ies)|areas?|fighters?\s+(?:were|was)\s+killed|members?\s+(?:were|was)\s+killed|checkpoints?|headquarters|supporters|deterrence|leaders?|president|defen[cs]e\s+minist|officials?|foreign\s+minist|border|observation)/i
export const NOT_AGENT_BEFORE = /(?:surrounded\s+by|controlled\s+by|held\s+by|besieged\s+by|used\s+by|belonging\s+to|affiliated\s+with|run\s+by|(?:positions|convoy|vehicle|supporters|defectors)\s+of|carrying\s+(?:\w+\s+)?(?:members|fighters|soldiers)\s+of|against|targeting|targeted|on|at|struck|hit|bombed|shelled|with|between|under|towards?|from|and|by\s+the\s+(?:US|UK)\s+and)\s+(?:the\s+)?(?:positions\s+of\s+)?$/i

export const WEAPON_TERMS: Term<Weapon>[] = [
  t('chemical', String.raw`\b(?:chlorine|sarin|mustard\s+gas|nerve\s+(?:agent|gas)|chemical\s+(?:weapons?(?!\s+(?:storage|facilit|depot|stockpile|program|research|sites?|use\b))|attack|agents?|munitions?|substances?)|toxic\s+(?:gas|chemicals?|substances?)|poison(?:ous)?\s+gas|asphyxiat\w*|suffocat\w*)\b`, 6),
  t('cluster_munition', String.raw`\b(?:cluster\s+(?:munitions?|bombs?|rockets?|missiles?|shells?|ammunition)|submunitions?|bomblets?|RBK-\d+|ShOAB|AO-\d\s?RT)\b`, 5),
  t('barrel_bomb', String.raw`\b(?:barrel[\s-]bombs?|barrel[\s-]bombing|barrel[\s-]bombed|explosive\s+barrels?|barrels\s+(?:packed|filled|loaded)|(?:dropped|dropping|drops)\s+(?:\w+\s+)?barrels?|naval\s+mines?|improvised\s+(?:air|aerial)\s+bombs?)\b`, 5),
  t('ied_car_bomb', String.raw`\b(?:(?:twin|double|triple)\s+(?:blasts|explosions|bombings)|car[\s-]bombs?|car\s+bombing|VBIEDs?|IEDs?|improvised\s+explosive\s+devices?|explosive\s+devices?|booby[\s-]trap\w*|motorbike\s+bombs?|motorcycle\s+bombs?|roadside\s+bombs?|suicide\s+(?:bomb\w*|attack\w*|car)|landmines?|land\s+mines?|bomb\s+exploded|explosive-laden|explosion\s+of\s+a\s+(?:car|vehicle|motorbike|motorcycle)|rigged\s+with\s+explosives|(?:car|vehicle|motorbike|motorcycle|truck|tanker|lorry|van|bus)\s+(?:packed|laden|rigged|loaded)\s+with\s+explosives?)\b`, 4),
  t('drone', String.raw`\b(?:drones?|UAVs?|unmanned\s+aerial\s+vehicles?|quadcopters?|kamikaze\s+drones?|loitering\s+munitions?)\b`, 4),
  t('rocket_missile', String.raw`\b(?:missiles?|rockets?|Grad|Katyusha|surface-to-surface|ballistic|cruise\s+missiles?|rocket\s+launchers?|Elephant\s+rockets?|Fil\s+rockets?|Tochka|Kornet|anti-tank\s+guided|ATGMs?|guided\s+missiles?)\b`, 3),
  t('shelling_artillery', String.raw`\b(?:shell(?:s|ing|ed)?|artillery|mortars?|tank\s+fire|howitzers?|heavy\s+weapons\s+fire|bombard(?:ed|ment)\s+(?:by|with)\s+(?:artillery|tanks?|mortars?)|shelled|shells\s+fell|hell\s+cannon)\b`, 2),
  t('airstrike', String.raw`\b(?:air[\s-]?strikes?|air[\s-]?raids?|air\s+attacks?|aerial\s+(?:attacks?|bombardment|bombing|strikes?)|warplanes?|war\s+planes?|fighter\s+jets?|jets?|aircraft|planes?|helicopters?|airpower|air\s+force|air\s+and\s+artillery|bombers?|Su-\d+|Sukhoi|MiG-\d+|Mi-\d+|L-39|(?:were|was)\s+bombed\s+by|bombed\s+by\s+(?:Russian|Syrian|regime|government)|sorties|air-to-surface)\b`, 1),
  t('small_arms', String.raw`\b(?:behead(?:ed|ing|ings)|clash(?:es|ed)|fighting|stormed|storming|firefights?|shot\s+dead|shot\s+and\s+killed|gunfire|gunmen|gunshots?|snipers?|sniper\s+fire|opened\s+fire|small[\s-]arms|machine[\s-]?guns?|rifles?|bullets?|executed|execution|shooting|stabbed|gunned\s+down)\b`, 1),
]

export const TARGET_TERMS: Term<Target>[] = [
  t('civil_defence', String.raw`\b(?:civil\s+defen[cs]e|White\s+Helmets|SCD|rescue\s+(?:workers|teams?|volunteers|cent(?:re|er)s?)|rescuers)\b(?=[\s\S]{0,40}?\b(?:cent(?:re|er)s?|teams?|volunteers?|members?|workers?|facilit(?:y|ies)|headquarters|base|points?|vehicles?|ambulances?|station|office|crew)\b|\s+(?:were|was)\s+(?:killed|injured|wounded|hit|targeted|bombed))(?![^.;]{0,30}\b(?:said|says|reported|gave|put|counted|told))|\b(?:rescue\s+workers|rescuers|first\s+responders)\b(?=\s+(?:were|was)\s+(?:killed|injured|wounded|hit|targeted))`, 3),
  t('hospital_medical', String.raw`\b(?<!(?:died|treated|taken|transferred|rushed|admitted|evacuated)\s+(?:in|to|at)\s+(?:a\s+|the\s+)?)(?:hospitals?|clinics?|medical\s+(?:cent(?:re|er)s?|points?|facilit(?:y|ies)|staff|workers?|teams?)|health\s+(?:cent(?:re|er)s?|facilit(?:y|ies)|posts?)|ambulances?|maternity|paramedics?|doctors?|nurses?|dispensary|pharmac(?:y|ies)|field\s+hospital|blood\s+bank)\b`, 3),
  t('school', String.raw`\b(?:schools?|kindergartens?|nurser(?:y|ies)\s+school|universit(?:y|ies)|colleges?|educational\s+(?:facilit(?:y|ies)|complex)|students?|pupils?|classrooms?)\b`, 3),
  t('market', String.raw`\b(?:markets?|marketplaces?|souq|souk|bazaars?|vegetable\s+market|popular\s+market|shops?|shopping)\b`, 3),
  t('bakery', String.raw`\b(?:bakery|bakeries|bread\s+(?:ovens?|queue|line)|ovens?\b(?=[\s\S]{0,10}bread)|flour\s+mill)\b`, 3),
  t('mosque', String.raw`\b(?:mosques?|church(?:es)?|places?\s+of\s+worship|Friday\s+prayers?)\b`, 3),
  t('idp_camp', String.raw`\bcamps?\b(?=[^.;]{0,50}\b(?:displaced|IDPs)\b)|\bgatherings?\s+of\s+displaced\b|\b(?:(?:IDP|displacement|displaced(?:\s+persons?)?|refugee|makeshift|tent)\s+camps?|camps?\s+(?:for|of|housing|sheltering)\s+(?:the\s+)?(?:internally\s+)?displaced|(?<!training\s|military\s|army\s)camp\s+near|(?<!training\s|military\s|army\s)camps?\s+in)\b`, 3),
  t('infrastructure', String.raw`\b(?:water\s+(?:station|pumping|plant|facilit(?:y|ies)|network|tank)s?|power\s+(?:station|plant|lines?|grid)s?|electricity\s+(?:station|plant|network)s?|bridges?|dams?|grain\s+silos?|silos?|infrastructure|pumping\s+station|generators?|fuel\s+station|gas\s+station|petrol\s+station|oil\s+(?:facilit(?:y|ies)|fields?|refiner(?:y|ies))|telecommunications?|roads?\s+network|factory|factories|industrial\s+zone|poultry\s+farm)\b`, 2),
  t('road_vehicle', String.raw`\b(?:cars?|vehicles?|buses|bus|minibus|minibuses|trucks?|lorr(?:y|ies)|vans?|motorcycles?|motorbikes?|convoys?|tractors?|taxis?|on\s+the\s+(?:M4|M5)?\s*(?:road|highway)|highway)\b`, 1),
  t('residential', String.raw`\b(?:homes?|houses?|residential|residences?|dwellings?|apartments?|flats?|residential\s+buildings?|apartment\s+buildings?|neighbou?rhoods?|civilian\s+areas?|populated\s+areas?|family\s+home|targeting\s+(?:the\s+)?(?:villages?|towns?)|(?:villages|towns)\s+of)\b`, 2),
  t('military', String.raw`\b(?:military\s+(?:positions?|posts?|bases?|targets?|sites?|vehicles?|convoy|airport|headquarters)|checkpoints?|frontlines?|front\s+lines?|army\s+positions?|(?:rebel|opposition|HTS|regime|government)\s+positions?|weapons\s+depots?|ammunition\s+depots?|arms\s+depots?|barracks|observation\s+posts?|air\s*bases?|military\s+airport|command\s+posts?|training\s+camps?|(?:fighters|soldiers|troops|militants|members\s+of\s+(?:the\s+)?(?:regime|government)\s+forces)\s+(?:were\s+)?(?:killed|wounded)|killing\s+(?:at\s+least\s+)?\d+\s+(?:fighters|soldiers|troops))\b`, 2),
  t('other', String.raw`\b(?:prisons?|courthouses?|courts?|cemeter(?:y|ies)|funerals?|wedding|playgrounds?|parks?|stadiums?|farms?|farmland|fields|orchards?|olive\s+groves?|aid\s+(?:workers?|warehouses?|convoys?)|warehouses?|offices?)\b`, 1),
]

/** Family words that put an attack in the victims' homes when no other target is named. */
export const FAMILY_RE = /\b(?:family|families|husband|wife|daughters?|sons?|mother|father|brothers?|sisters?|grandchildren|grandmother|grandfather|household|relatives)\b/i

export interface Reporter {
  name: string
  re: RegExp
}
const r = (name: string, src: string): Reporter => ({ name, re: new RegExp(src, 'g') })

/** Organisations and outlets, normalised to the short names monitors use. */
export const REPORTERS: Reporter[] = [
  r('SNHR', String.raw`\b(?:Syrian\s+Network\s+[Ff]or\s+Human\s+Rights|SNHR)\b`),
  r('SOHR', String.raw`\b(?:Syrian\s+Observatory\s+for\s+Human\s+Rights|SOHR|(?:the\s+)?(?:Britain|UK|London)-based\s+(?:war\s+)?monitor(?:ing\s+group)?|the\s+Observatory)\b`),
  r('White Helmets', String.raw`\b(?:White\s+Helmets|Syria(?:n)?\s+Civil\s+Defen[cs]e|SCD)\b`),
  r('UOSSM', String.raw`\b(?:UOSSM|Union\s+of\s+Medical\s+Care\s+and\s+Relief\s+Organi[sz]ations)\b`),
  r('SAMS', String.raw`\b(?:SAMS|Syrian\s+American\s+Medical\s+Society)\b`),
  r('MSF', String.raw`\b(?:MSF|M[ée]decins\s+Sans\s+Fronti[èe]res|Doctors\s+Without\s+Borders)\b`),
  r('Amnesty', String.raw`\bAmnesty(?:\s+International)?\b`),
  r('HRW', String.raw`\b(?:Human\s+Rights\s+Watch|HRW)\b`),
  r('OCHA', String.raw`\b(?:OCHA|UN\s+Office\s+for\s+the\s+Coordination\s+of\s+Humanitarian\s+Affairs|UN\s+humanitarian\s+office)\b`),
  r('OHCHR', String.raw`\b(?:OHCHR|UN\s+(?:human\s+rights\s+office|Human\s+Rights\s+Office)|Office\s+of\s+the\s+(?:UN\s+)?High\s+Commissioner\s+for\s+Human\s+Rights|UN\s+rights\s+office)\b`),
  r('UNICEF', String.raw`\bUNICEF\b`),
  r('WHO', String.raw`\b(?:World\s+Health\s+Organi[sz]ation|WHO)\b`),
  r('UN', String.raw`\b(?:United\s+Nations|UN)\b(?!\s+(?:Office|human|Human|rights|humanitarian|-appointed|Security|envoy|Secretary))`),
  r('Airwars', String.raw`\bAirwars\b`),
  r('VDC', String.raw`\b(?:Violations\s+Documentation\s+Cent(?:er|re)|VDC)\b`),
  r('Reuters', String.raw`\bReuters\b`),
  r('AFP', String.raw`\b(?:AFP|Agence\s+France-Presse|Agence\s+France\s+Presse)\b`),
  r('AP', String.raw`\b(?:Associated\s+Press|AP)\b`),
  r('IRIN', String.raw`\b(?:IRIN|The\s+New\s+Humanitarian)\b`),
  r('Al Jazeera', String.raw`\bAl\s+Jazeera\b`),
  r('BBC', String.raw`\bBBC\b`),
  r('SANA', String.raw`\b(?:SANA|Syrian\s+Arab\s+News\s+Agency|(?:Syrian\s+)?state\s+(?:news\s+agency|media|television|TV))\b`),
  r('Enab Baladi', String.raw`\bEnab\s+Baladi\b`),
  r('Smart', String.raw`\bSmart\s+(?:News(?:\s+Agency)?|press\s+agency)\b|\bSmart\b(?=\s+(?:reported|said|news))`),
  r('Step News', String.raw`\bStep\s+News(?:\s+Agency)?\b`),
  r('Orient', String.raw`\bOrient\s+(?:News|TV|Net)\b`),
  r('Syria Response Coordinators', String.raw`\b(?:Syria|Syrian)\s+Response\s+Coordinators?\b|\bResponse\s+Coordination\s+Group\b`),
  r('Idlib Health Directorate', String.raw`\b(?:Idlib|Idleb)\s+Health\s+Directorate\b`),
  r('Russian Ministry of Defence', String.raw`\b(?:Russian\s+(?:Defen[cs]e\s+Ministry|Ministry\s+of\s+Defen[cs]e|military)|Russia's\s+(?:defen[cs]e\s+ministry|military))\b(?=[\s\S]{0,30}\b(?:said|says|claimed|stated|denied|reported))`),
  r('Syrian Archive', String.raw`\bSyrian\s+Archive\b`),
  r('ACLED', String.raw`\bACLED\b`),
  r('Bellingcat', String.raw`\bBellingcat\b`),
  r('Sentry', String.raw`\bSentry\s+Syria\b|\bSyria\s+Sentry\b`),
  r('local activists', String.raw`\blocal\s+(?:activists|sources|residents|media|coordination\s+committees?)\b`),
]

/** A reporter mention counts only in reporting context: "X said", "according to X", "X documented". */
export const REPORT_VERB_AFTER = /^[^.;]{0,60}?\b(?:said|says|reported|reports|documented|documents|recorded|records|confirmed|stated|announced|told|counted|estimated|put\s+the\s+(?:death\s+)?toll|published|noted|verified|warned|added)\b|^['’]s\s+(?:report|statement|data|count|figures|documentation|team|monitors?)/i
export const REPORT_VERB_BEFORE = /\b(?:according\s+to|reported\s+by|documented\s+by|recorded\s+by|confirmed\s+by|cited\s+by|(?:said|told|quoted)(?:\s+\w+)?|sources?\s+(?:at|from|in)|reports?\s+(?:by|from)|figures?\s+from|data\s+from|statement\s+(?:by|from)|monitor(?:ing\s+group)?|group|via)\s+(?:the\s+)?$/i
/** The organisation's people or premises were hit: a target, not a source. */
export const REPORTER_AS_TARGET_AFTER = /^\s*(?:\([^)]{0,40}\)\s*)?(?:cent(?:re|er)s?|teams?|volunteers?|members?|workers?|facilit(?:y|ies)|headquarters|base|points?|vehicles?|ambulances?|station|office|crew|hospital|clinic|staff)\b/i

/** Words of violence: a sentence without one cannot hold an attack. */
export const ATTACK_CUE = /\b(?:attack(?:s|ed|ing)?|strikes?|struck|striking|pound(?:ed|ing)|raided|hitting|slain|air[\s-]?strikes?|air[\s-]?raids?|raids?|bomb(?:s|ed|ing|ings|ardment|arded)?|shell(?:s|ed|ing)?|killed|killing|kills|dead|died|deaths?|death\s+toll|injur(?:ed|ing|ies|y)|wounded|wounding|hit|hits|targeted|targeting|dropped|dropping|fired|firing|explo(?:ded|sion|sions|sive)|detonated|massacre|missiles?|rockets?|artillery|mortars?|barrel|cluster|chlorine|chemical|casualties|victims|martyred|shot|toll|bombers|attackers|gunmen|behead(?:ed|ing|ings)|clash(?:es|ed)|fighting|battle|stormed|storming|gunfire|destroyed|damaged|blast|assassinat\w+|executed|executions?|sniper|bodies|corpses)\b|مقتل|قتل|قتلى|قتيل|شهداء|استشهاد|غارة|غارات|قصف|براميل|برميل|صاروخ|صواريخ|جرحى|إصابة|اصابة|مجزرة/i

/** Statements about many attacks in general ("Most Russian air attacks ...", "attacks continued"): context, not an event. */
export const GENERIC_STATEMENT = /\b(?:calls?\s+on|call\s+for|urged?|urging|demand(?:s|ed|ing)?)\b[^.]{0,80}\b(?:stop|end|halt|cease)\b|\b(?:more\s+than\s+)?\d{2,}\s+(?:attacks|strikes|raids|air\s*strikes)\s+(?:in|during|since|so\s+far|this)\b|\b(?:in|during)\s+the\s+[\w\s'-]{0,40}\b(?:campaign|offensive)\b|^(?:most|many|much|some|the\s+majority)\s+(?:of\s+(?:the\s+)?)?(?:\w+\s+){0,3}(?:attacks|strikes|raids|bombing|shelling)\b|\b(?:notes?|noted|said|says|added)\s+that\s+(?:most|many|the\s+majority)\s+of\s+(?:the\s+)?(?:\w+\s+){0,3}(?:attacks|strikes|raids|bombing|shelling)\b|\b(?:attacks|strikes|bombardment|shelling|bombing)\s+(?:continued|escalated|intensified|resumed|increased|persisted|slowed|eased|subsided|declined|decreased|abated)\b|\b(?:escalated|intensified|stepped\s+up)\s+(?:\w+\s+){0,4}(?:attacks|strikes|bombardment|shelling|bombing)\b|\b(?:haven't|have\s+not|hasn't|has\s+not|did\s+not|didn't|would\s+not|wouldn't)\s+(?:\w+\s+){0,3}(?:prevented|stopped|deterred)\b|\b(?:almost\s+|nearly\s+)?(?:daily|weekly|every\s+day|regularly|repeatedly|frequently|routinely)\s+since\b|\b(?:regular|repeated|frequent|daily|routine|sporadic)\s+(?:exchanges\s+of\s+fire|attacks|strikes|raids|shelling|bombardment|clashes)\s+since\b|\bwhich\s+(?:has|had|have)\s+(?:also\s+|repeatedly\s+|often\s+)?been\s+(?:shelled|bombed|struck|hit|targeted|attacked)\b|\bif\s+(?:the\s+)?(?:fighting|offensive|violence|attacks?|bombing|shelling|bombardment)\s+(?:escalates?|intensifies|spreads?|continues?|resumes?)\b|\b(?:increased|intensified|escalating|heavier|renewed\s+and\s+increased)\s+(?:air\s*strikes|strikes|shelling|bombardment|bombing|attacks|raids)\b|\blikely\s+to\b|\bthreat(?:s|ened)?\s+of\b|\bfeared\b|\bwarned\s+(?:of|that|against)\b/i
