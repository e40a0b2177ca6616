/**
 * PDF to text with pdfjs-dist (legacy build, the one that runs on Node): the text of every
 * page in reading order, pages separated by blank lines; the document's Title and
 * CreationDate as title and publication date.
 */
import { toIsoDate } from './_dates.ts'
import { normaliseWhitespace } from './_text.ts'
import { err, ok, type Result } from '../domain/index.ts'

export interface PdfText {
  text: string
  title: string | null
  published: string | null
  meta: Record<string, unknown>
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs')
let pdfjs: Promise<PdfJs> | undefined

/** Structural check first: pdfjs repairs damaged files silently, and a cut-off file is not evidence of its whole. */
function structureProblem(bytes: Uint8Array): string | null {
  const start = Buffer.from(bytes.subarray(0, 1024)).toString('latin1')
  if (!start.includes('%PDF-')) return 'not a PDF (no %PDF- header)'
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1')
  if (!tail.includes('%%EOF')) return 'truncated PDF (no %%EOF marker at the end)'
  if (!/startxref\s+\d+/.test(tail)) return 'truncated PDF (no startxref)'
  return null
}

export async function pdfToText(bytes: Uint8Array): Promise<Result<PdfText>> {
  const problem = structureProblem(bytes)
  if (problem) return err(problem)
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs')
  const { getDocument } = await pdfjs
  // pdfjs takes ownership of (detaches) the buffer it is given: hand it a copy.
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0, stopAtErrors: true })
  try {
    const doc = await task.promise
    const pages: string[] = []
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i)
      const content = await page.getTextContent()
      let s = ''
      for (const item of content.items) {
        if (!('str' in item)) continue
        s += item.str
        if (item.hasEOL) s += '\n'
      }
      pages.push(s)
      page.cleanup()
    }
    const { info } = await doc.getMetadata().catch(() => ({ info: {} as Record<string, unknown> }))
    const infoRecord = (info ?? {}) as Record<string, unknown>
    const title = typeof infoRecord.Title === 'string' && infoRecord.Title.trim() ? infoRecord.Title.trim() : null
    const created = typeof infoRecord.CreationDate === 'string' ? infoRecord.CreationDate : null
    const text = normaliseWhitespace(pages.join('\n\n'))
    if (text === '') return err(`PDF has no text layer (${doc.numPages} page(s), scanned images need OCR first)`)
    return ok({ text, title, published: toIsoDate(created), meta: { pages: doc.numPages, ...(created ? { pdf_creation_date: created } : {}) } })
  } catch (e) {
    return err(`unreadable PDF (${(e as Error).message})`)
  } finally {
    await task.destroy().catch(() => undefined)
  }
}
