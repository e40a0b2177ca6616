/**
 * Markdown and front matter. Markdown becomes plain text by walking marked's tokens, so the
 * stored text (which evidence spans point into) has no markup left: headings and paragraphs
 * as blocks, list items on their own lines, links as their words.
 */
import { Lexer, type Token, type Tokens } from 'marked'
import { parse as parseYaml } from 'yaml'
import { decodeEntities, normaliseWhitespace } from './_text.ts'
import { err, ok, type Result } from '../domain/index.ts'

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/

const SIMPLE_LINE = /^([A-Za-z_][\w-]*):[ \t]+(?:"([^"\\]*)"|'([^']*)'|([^\s"'[\]{}|>&*!%@`#,][^#]*?))[ \t]*$/

/**
 * Front matter of plain `key: value` lines, read without the YAML parser (most reports carry
 * only outlet/published/url/title); anything else returns null and goes to the parser.
 */
function simpleFrontMatter(block: string): Record<string, unknown> | null {
  const data: Record<string, unknown> = {}
  for (const line of block.split(/\r?\n/)) {
    if (line.trim() === '') continue
    const m = SIMPLE_LINE.exec(line)
    if (!m) return null
    const bare = m[4]
    if (bare !== undefined && /^(?:-?\d+(?:\.\d+)?|true|false|null|~|yes|no|on|off|0x.*|0o.*|\.inf|\.nan)$/i.test(bare)) return null
    data[m[1]!] = m[2] ?? m[3] ?? bare
  }
  return data
}

/** Splits `---\nyaml\n---` off the top of a document; a malformed block is an error, not text. */
export function splitFrontMatter(doc: string): Result<{ data: Record<string, unknown>; body: string }> {
  const m = FRONT_MATTER.exec(doc)
  if (!m) return ok({ data: {}, body: doc })
  const simple = simpleFrontMatter(m[1] ?? '')
  if (simple) return ok({ data: simple, body: doc.slice(m[0].length) })
  let data: unknown
  try {
    data = parseYaml(m[1] ?? '')
  } catch (e) {
    return err(`invalid front matter (${(e as Error).message.split('\n')[0]})`)
  }
  if (data === null || data === undefined) data = {}
  if (typeof data !== 'object' || Array.isArray(data)) return err('invalid front matter (expected key: value lines)')
  return ok({ data: data as Record<string, unknown>, body: doc.slice(m[0].length) })
}

function inline(tokens: readonly Token[] | undefined): string {
  if (!tokens) return ''
  let s = ''
  for (const t of tokens) {
    switch (t.type) {
      case 'br': s += '\n'; break
      case 'image': s += (t as Tokens.Image).text; break
      case 'html': break
      case 'codespan': s += (t as Tokens.Codespan).text; break
      case 'escape': s += (t as Tokens.Escape).text; break
      default: {
        const withChildren = t as { tokens?: Token[]; text?: string }
        s += withChildren.tokens ? inline(withChildren.tokens) : (withChildren.text ?? '')
      }
    }
  }
  return s
}

function blocks(tokens: readonly Token[], out: string[]): void {
  for (const t of tokens) {
    switch (t.type) {
      case 'space': case 'hr': case 'def': break
      case 'heading': case 'paragraph': out.push(inline((t as Tokens.Heading | Tokens.Paragraph).tokens)); break
      case 'text': {
        const tt = t as Tokens.Text
        out.push(tt.tokens ? inline(tt.tokens) : tt.text)
        break
      }
      case 'code': out.push((t as Tokens.Code).text); break
      case 'blockquote': blocks((t as Tokens.Blockquote).tokens, out); break
      case 'list': {
        const lines = (t as Tokens.List).items.map((item) => {
          const inner: string[] = []
          blocks(item.tokens, inner)
          return '- ' + inner.join('\n')
        })
        out.push(lines.join('\n'))
        break
      }
      case 'table': {
        const table = t as Tokens.Table
        const row = (cells: Tokens.TableCell[]) => cells.map((c) => inline(c.tokens)).join(' | ')
        out.push([row(table.header), ...table.rows.map(row)].join('\n'))
        break
      }
      case 'html': {
        const text = (t as Tokens.HTML).text.replace(/<[^>]*>/g, ' ').trim()
        if (text) out.push(text)
        break
      }
      default: {
        const other = t as { tokens?: Token[]; text?: string }
        out.push(other.tokens ? inline(other.tokens) : (other.text ?? ''))
      }
    }
  }
}

/** Any character or line start that Markdown could read as markup (conservative). */
const MARKUP = /[\\`*_#>[\]<|~&]|^[ \t]*(?:[-+=]|\d+[.)])|^(?: {4}|\t)|https?:|www\./m

/** Plain text of a Markdown body, and its first heading (a title when the front matter has none). */
export function markdownToText(body: string): { text: string; heading: string | null } {
  // Prose without any markup reads the same through the lexer: skip it (ingest speed).
  if (!MARKUP.test(body)) return { text: normaliseWhitespace(body), heading: null }
  const tokens = new Lexer({ gfm: true }).lex(body)
  const out: string[] = []
  blocks(tokens, out)
  const first = tokens.find((t): t is Tokens.Heading => t.type === 'heading')
  return {
    text: normaliseWhitespace(decodeEntities(out.filter((b) => b.trim() !== '').join('\n\n'))),
    heading: first ? normaliseWhitespace(inline(first.tokens)) : null,
  }
}
