/**
 * Capitalised words of English news prose that must not be read as one-word place names
 * when recognising places in free text (sentence starts, titles, organisations, calendar).
 * Compared with the word in lower case, as written.
 */

const WORDS = `
a about above according across after afternoon again against ago aid air all along also although am among an and another any
are area areas around as at attack attacks away back based be because been before being between both but by called came can
centre center children city civil civilian civilians coalition council countryside day days defence defense despite did during
each early east eastern evening every families family few for force forces from front further government had has have he her
here him his hospital hospitals how however human if in including inside into is it its just killed killing last late least
local made many market may men might monday more morning most mosque much near network new news night no north northern not
now of on one only or other our out outside over people per province regime report reported reports residential rights rural
said same saturday school second several she since so some south southern still strike strikes such sunday than that the their
them then there these they third this those three thursday through to today town tuesday two under until up us very village
was we wednesday were west western what when where which while who will with without women year years yesterday friday
january february march april june july august september october november december
syria syrian syrians russia russian russians turkey turkish iran iranian american british french kurdish arab arabic
un unicef who ocha snhr sohr acled airwars amnesty hrw reuters afp ap bbc cnn helmets white observatory
army hts isis isil daesh sdf ypg fsa nla jabhat nusra tahrir sham ahrar jaysh jaish liwa faylaq
minister ministry president spokesman agency media sources source witness witnesses activist activists opposition rebels
international organization organisation office committee commission united nations state states security council
god allah mr mrs dr al el
assad putin erdogan lavrov hayat hay'at hay’at idps idp
interim autumn spring summer winter middle primary secondary general colonel brigade battalion division regiment
`
/** the stop words, lower case as written (so "Has" is stopped and "Hass" is not) */
export const STOP_KEYS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean))
