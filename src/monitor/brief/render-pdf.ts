import { chromium } from 'playwright-core'

export interface PdfOptions {
  /** the Chromium binary; @default HARMWATCH_CHROMIUM or /usr/bin/chromium */
  executablePath?: string
  /** give up after this long; @default 60000 ms */
  timeoutMs?: number
}

/**
 * Prints an HTML page to PDF (A4) with headless Chromium through playwright-core. The page is
 * self-contained (inline SVG, no scripts), and the browser runs with networking quiet, so
 * nothing is fetched while printing.
 */
export async function renderPdf(html: string, options: PdfOptions = {}): Promise<Buffer> {
  const browser = await chromium.launch({
    executablePath: options.executablePath ?? process.env.HARMWATCH_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    timeout: options.timeoutMs ?? 60_000,
  })
  try {
    const page = await browser.newPage()
    // a self-contained page must not reach out: refuse every request the content might make
    await page.route('**/*', (route) => route.abort())
    await page.setContent(html, { waitUntil: 'load', timeout: options.timeoutMs ?? 60_000 })
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true })
  } finally {
    await browser.close()
  }
}
