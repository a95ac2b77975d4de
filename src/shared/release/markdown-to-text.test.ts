import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { looksLikeMarkdown, markdownFileToText, markdownToText } from './markdown-to-text'

const corpus = join(__dirname, '../../../../shared/corpus')
const read = (path: string) => new TextDecoder().decode(readFileSync(join(corpus, path)))
const paragraphsOf = (markdown: string) => markdownToText(markdown).split('\n\n')

describe('markdownToText', () => {
  it('writes headings, paragraphs, list items and quotes as paragraphs without markers', () => {
    const markdown = [
      '# Joint *statement* on **Syria**',
      '',
      'The ministers met in',
      '[Astana](https://example.invalid/astana) and agreed.',
      '',
      '- first point',
      '- second point',
      '  with a wrapped line',
      '',
      '3. Decides to remain seized',
      '4. Requests a report',
      '',
      '> Quoted `code` text',
      '',
      '![Ministers at the table](photo.jpg)',
      '',
      '---',
    ].join('\n')
    expect(paragraphsOf(markdown)).toEqual([
      'Joint statement on Syria',
      'The ministers met in Astana and agreed.',
      'first point',
      'second point with a wrapped line',
      '3. Decides to remain seized',
      '4. Requests a report',
      'Quoted code text',
      'Ministers at the table',
    ])
  })

  it('keeps code blocks as text, split only at blank lines', () => {
    expect(paragraphsOf('```\nline one\nline two\n\nline three\n```')).toEqual([
      'line one line two',
      'line three',
    ])
  })

  it('joins hard-wrapped lines with a space and keeps a line-end hyphen', () => {
    const markdown = 'low-\nand middle-income countries\nwith inter-\nnational help'
    expect(markdownToText(markdown)).toBe(
      'low- and middle-income countries with inter- national help',
    )
  })

  it('strips HTML tags and never keeps script or style content', () => {
    const markdown = [
      'Text <script>alert("x")</script> and <u>underlined</u> words.',
      '',
      '<script>',
      'document.cookie',
      '</script>',
      '',
      '<style>p{display:none}</style>',
      '',
      '**<span class="x">Delegation:</span>**',
    ].join('\n')
    expect(paragraphsOf(markdown)).toEqual(['Text and underlined words.', 'Delegation:'])
  })

  it('reads raw HTML tables as one paragraph per row, across blank lines', () => {
    const markdown = [
      '<table>',
      '<tr><td><strong>State</strong></td><td>Total</td></tr>',
      '',
      '<tr><td>Alabama</td><td>373,000</td></tr>',
      '</table>',
    ].join('\n')
    expect(paragraphsOf(markdown)).toEqual(['State · Total', 'Alabama · 373,000'])
  })

  it('drops strong markers that broken emphasis leaves unpaired', () => {
    expect(paragraphsOf('**The History: **\n\n**EMPHASIZING **the need')).toEqual([
      'The History:',
      'EMPHASIZING the need',
    ])
  })

  it('keeps escaped markup as literal text', () => {
    expect(markdownToText('5 \\* 3 \\*\\* \\[sic\\] &lt;b&gt; \\###')).toBe(
      '5 * 3 ** [sic] <b> ###',
    )
  })

  it('does not show front matter as text', () => {
    const text = markdownToText(read('bad/markdown-front-matter.md'))
    expect(text).not.toContain('title:')
    expect(text.split('\n\n')[0]).toBe('Resolution 409 (1977) of 27 May 1977')
  })

  it('survives deeply nested lists and quotes', () => {
    const deep = '> '.repeat(2_000) + 'deep'
    expect(markdownToText(deep)).toBe('deep')
  })
})

describe('markdownFileToText', () => {
  it('puts the declared title first and returns the declared metadata', () => {
    const { text, declared } = markdownFileToText(read('bad/markdown-front-matter.md'))
    expect(declared).toEqual({
      title: 'Joint Statement of the Foreign Ministers',
      date: '2019-06-14',
      place: 'Bishkek',
    })
    const paragraphs = text.split('\n\n')
    expect(paragraphs[0]).toBe('Joint Statement of the Foreign Ministers')
    expect(paragraphs[1]).toBe('Resolution 409 (1977) of 27 May 1977')
    expect(paragraphs).toContain(
      '2. Urges, having regard to the principle stated in Article 2, paragraph 6 of the Charter ' +
        'of the United Nations, States not Members of the United Nations to act in accordance ' +
        'with the provisions of the present resolution;',
    )
  })

  it('does not repeat a title the text already starts with', () => {
    const { text } = markdownFileToText('---\ntitle: Readout\n---\n# Readout\n\nBody')
    expect(text).toBe('Readout\n\nBody')
  })
})

describe('White House corpus (Markdown saved as .txt)', () => {
  const folder = 'wh_briefings'
  const manifest = new Map<string, { title?: string }>(
    read(`${folder}.manifest.jsonl`)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { file: string; title?: string })
      .map((entry) => [entry.file, entry]),
  )
  const files = readdirSync(join(corpus, folder)).sort()
  // Every 10th file keeps the test quick; the full run gives the same result.
  const sample = files.filter((_, i) => i % 10 === 0)
  const loose = (text: string) => text.replace(/[\s\u2060\u200b\ufeff]+/g, ' ').trim()

  it('keeps the title on line 1 as the first paragraph', () => {
    const wrong: string[] = []
    for (const file of sample) {
      const expected = manifest.get(`${folder}/${file}`)?.title ?? ''
      const first = markdownToText(read(`${folder}/${file}`)).split('\n\n')[0] ?? ''
      if (loose(first) !== loose(expected)) wrong.push(file)
    }
    expect(sample.length).toBeGreaterThan(150)
    expect(wrong).toEqual([])
  })

  it('leaves no Markdown markers or HTML tags in the text', () => {
    const leftovers: string[] = []
    for (const file of sample) {
      const text = markdownToText(read(`${folder}/${file}`))
      // A "***" paragraph is kept: the source escapes it, it is a literal section break.
      if (
        /(?<!\*)\*\*(?!\*)|\\[#[\]$*_]|<\/?(?:td|tr|table|span|u|figure|img|strong)\b/.test(text)
      ) {
        leftovers.push(file)
      }
    }
    expect(leftovers).toEqual([])
  })
})

describe('looksLikeMarkdown', () => {
  const flagged = (folder: string) =>
    readdirSync(join(corpus, folder)).filter((file) => looksLikeMarkdown(read(`${folder}/${file}`)))

  it('flags none of the plain-text corpora', () => {
    for (const folder of [
      'sco',
      'ungdc',
      'unsc_resolutions_en',
      'kremlin_ru_2025',
      'cn_gov_reports_zh',
    ]) {
      expect(flagged(folder), folder).toEqual([])
    }
  })

  it('flags most White House files', () => {
    expect(flagged('wh_briefings').length).toBeGreaterThan(1400)
  })

  it('does not flag a plain text with one stray link, so hostile markup stays literal', () => {
    expect(looksLikeMarkdown(read('bad/hostile-markup.txt'))).toBe(false)
    expect(looksLikeMarkdown('See [the statement](https://example.invalid) for details.')).toBe(
      false,
    )
  })

  it('flags typical Markdown', () => {
    expect(looksLikeMarkdown('# Title\n\nSome **bold** text.')).toBe(true)
    expect(looksLikeMarkdown('Title\n\n-   one\n-   two\n')).toBe(true)
    expect(looksLikeMarkdown('Title\n\nText.\n\n\\###\n')).toBe(true)
    expect(looksLikeMarkdown('Title\n\n- one\n- two\n- three\n')).toBe(false)
  })
})
