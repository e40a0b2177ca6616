import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { deriveText, parseFeed } from '../../src/ingest/index.ts'
import { toIsoDate } from '../../src/ingest/_dates.ts'
import { stripTags } from '../../src/ingest/_text.ts'
import { makePdf } from './_fixtures.ts'

const utf8 = (s: string) => Buffer.from(s, 'utf8')

describe('text derivation', () => {
  it('reads Markdown front matter into the record and strips markup from the text', async () => {
    const md = `---\noutlet: Enab Baladi\npublished: 2018-09-05\nurl: https://example.org/m4\ntags: [strike, m4]\n---\n# Strikes on the M4\n\nJets hit **Jisr al-Shughur** and [Mhambal](https://example.org/m).\n\n- two killed\n- five injured\n`
    const r = await deriveText('text/markdown', utf8(md), { complete: true })
    assert.ok(r.ok, !r.ok ? r.error : '')
    assert.equal(r.value.outlet, 'Enab Baladi')
    assert.equal(r.value.published, '2018-09-05')
    assert.equal(r.value.url, 'https://example.org/m4')
    assert.equal(r.value.title, 'Strikes on the M4')
    assert.deepEqual(r.value.meta, { front_matter: { tags: ['strike', 'm4'] } })
    assert.equal(r.value.text, 'Strikes on the M4\n\nJets hit Jisr al-Shughur and Mhambal.\n\n- two killed\n- five injured')
    assert.equal(r.value.deriver, 'markdown')
  })

  it('refuses malformed front matter instead of storing it as text', async () => {
    const r = await deriveText('text/markdown', utf8('---\noutlet: [unclosed\n---\nbody'), { complete: true })
    assert.ok(!r.ok)
    assert.match(r.error, /invalid front matter/)
  })

  it('keeps plain text as written, Arabic included', async () => {
    const r = await deriveText('text/plain', utf8('\ufeffقصف الطيران الروسي قرية محمبل\n'), { complete: true })
    assert.ok(r.ok)
    assert.equal(r.value.text, 'قصف الطيران الروسي قرية محمبل')
  })

  it('takes the article from an HTML page without navigation, and its metadata', async () => {
    const html = `<!doctype html><html lang="en"><head><title>Strike | Wire</title>
      <meta property="og:site_name" content="Example Wire"><link rel="canonical" href="https://example.org/a/1">
      <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2018-09-08T09:30:00+03:00"}</script></head>
      <body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
      <article><h1>Hospital hit in Hass</h1><p>A hospital in the village of Hass was put out of service by air strikes on Saturday, medical workers said, in the third attack on a health facility this week.</p>
      <p>Staff moved patients to the basement before the second strike &amp; no one inside was hurt.</p></article>
      <footer>Subscribe to our newsletter</footer><script>track()</script></body></html>`
    const r = await deriveText('text/html', utf8(html), { complete: true })
    assert.ok(r.ok)
    assert.equal(r.value.deriver, 'readability')
    assert.equal(r.value.published, '2018-09-08')
    assert.equal(r.value.outlet, 'Example Wire')
    assert.equal(r.value.url, 'https://example.org/a/1')
    assert.match(r.value.text, /hospital in the village of Hass/)
    assert.match(r.value.text, /second strike & no one/)
    assert.doesNotMatch(r.value.text, /Subscribe|Sport|track\(\)/)
  })

  it('decodes an HTML page in the charset it declares', async () => {
    // "قصف" (shelling) in windows-1256.
    const page = Buffer.concat([Buffer.from('<html><head><meta charset="windows-1256"></head><body><p>'), Buffer.from([0xde, 0xd5, 0xdd]), Buffer.from(' Idlib</p></body></html>')])
    const r = await deriveText('text/html', page, { complete: true })
    assert.ok(r.ok)
    assert.equal(r.value.text, 'قصف Idlib')
  })

  it('falls back to the body text when readability finds no article', async () => {
    const r = await deriveText('text/html', utf8('<html><head><meta name="date" content="2018-10-01"></head><body><p>Short note: shelling in Kafr Nabl.</p></body></html>'), { complete: true })
    assert.ok(r.ok)
    assert.equal(r.value.text, 'Short note: shelling in Kafr Nabl.')
    assert.equal(r.value.published, '2018-10-01')
  })

  it('reads a PDF text layer and takes CreationDate as the publication date', async () => {
    const r = await deriveText('application/pdf', makePdf(['Shelling hit Mhambal on 4 September.', 'Three people were killed (two children).'], { title: 'Field note', creationDate: "D:20180906101500+03'00'" }), { complete: true })
    assert.ok(r.ok, !r.ok ? r.error : '')
    assert.equal(r.value.text, 'Shelling hit Mhambal on 4 September.\nThree people were killed (two children).')
    assert.equal(r.value.title, 'Field note')
    assert.equal(r.value.published, '2018-09-06')
    assert.equal(r.value.deriver, 'pdfjs')
  })

  it('marks text derived from the head of a larger original as truncated', async () => {
    const r = await deriveText('text/plain', utf8('word '.repeat(100)), { complete: false })
    assert.ok(r.ok)
    assert.equal(r.value.truncated, true)
  })

  it('strips deeply nested markup linearly', () => {
    const deep = '<div>'.repeat(100_000) + 'deep text' + '</div>'.repeat(100_000)
    assert.equal(stripTags(deep), 'deep text')
    assert.equal(stripTags('<p>a<script>if (a < b) x()</script> b</p><style>p{}</style><p>c &lt; d &#x41;</p>'), 'a b\n\nc < d A')
  })

  it('reads publication dates as the publisher wrote them', () => {
    assert.equal(toIsoDate('Tue, 04 Sep 2018 23:30:00 +0300'), '2018-09-04')
    assert.equal(toIsoDate('2018-09-04T23:30:00-05:00'), '2018-09-04')
    assert.equal(toIsoDate("D:20181002"), '2018-10-02')
    assert.equal(toIsoDate('2018-02-30'), null)
    assert.equal(toIsoDate('soon'), null)
  })

  it('parses RSS 2.0 and Atom entries', () => {
    const rss = parseFeed(`<?xml version="1.0"?><rss version="2.0"><channel><title>Monitor</title>
      <item><title>One</title><link>/a/1</link><guid>g1</guid><pubDate>Wed, 05 Sep 2018 08:00:00 GMT</pubDate><description>&lt;p&gt;first&lt;/p&gt;</description></item>
      <item><title>Two</title><link>https://example.org/a/2</link></item></channel></rss>`, 'https://example.org/feed')
    assert.ok(rss.ok)
    assert.equal(rss.value.title, 'Monitor')
    assert.deepEqual(rss.value.entries.map((e) => [e.key, e.link, e.published]), [['g1', 'https://example.org/a/1', '2018-09-05'], ['https://example.org/a/2', 'https://example.org/a/2', null]])
    assert.equal(rss.value.entries[0]!.content, '<p>first</p>')
    const atom = parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom monitor</title>
      <entry><id>urn:1</id><title>A</title><link rel="alternate" href="https://example.org/x"/><published>2018-09-10T10:00:00Z</published><content type="html">body</content></entry></feed>`, 'https://example.org/')
    assert.ok(atom.ok)
    assert.deepEqual(atom.value.entries[0], { key: 'urn:1', title: 'A', link: 'https://example.org/x', published: '2018-09-10', content: 'body' })
    const html = parseFeed('<html><body>hi</body></html>', 'https://example.org/')
    assert.ok(!html.ok)
    assert.match(html.error, /not an RSS or Atom feed \(root element <html>\)/)
  })
})
