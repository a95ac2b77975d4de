import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeBytes } from './decode'
import { normaliseText } from './normalise'
import { paragraphKeys } from './paragraph-ids'
import { opensWrappedParagraph, parseRelease } from './parse-release'

const CORPUS = join(__dirname, '../../../../shared/corpus')
const read = (folder: string, name: string) =>
  decodeBytes(new Uint8Array(readFileSync(join(CORPUS, folder, name)))).text
const readSco = (name: string) => read('sco', name)
const expected = JSON.parse(readFileSync(join(CORPUS, 'bad/expected.json'), 'utf8')) as Record<
  string,
  { title?: string; paragraphs?: number }
>

describe('parseRelease on the SCO releases', () => {
  it('reads the 2017 release: title, a heading line and 23 body paragraphs', () => {
    const { title, paragraphs, warnings } = parseRelease(readSco('000_5b5391892682d1ae.txt'))
    expect(title).toBe(
      'Press release on the outcome of the 12th meeting of the SCO National Security Council Secretaries',
    )
    expect(paragraphs).toHaveLength(24)
    expect(paragraphs[0]).toBe('The 12th meeting of the SCO National Security Council Secretaries')
    expect(paragraphs[23]).toMatch(/^The next meeting of.*People's Republic of.*China\.$/)
    expect(warnings).toEqual([])
  })

  it('reads the 2014 release, which has one paragraph per line, as 8 paragraphs', () => {
    const { title, paragraphs } = parseRelease(readSco('003_e372a3fb9bb542ce.txt'))
    expect(title).toBe(
      'Joint Press Release on the outcomes of the SCO framework Foreign Ministries’ consultations on regional security issues',
    )
    expect(paragraphs).toHaveLength(8)
    expect(paragraphs[0]).toMatch(/^On 22 January 2014 consultations/)
    expect(paragraphs[7]).toBe(
      'Consultations were held in a constructive atmosphere and confirmed the proximity of views of the parties on the matters discussed.',
    )
  })
})

describe('parseRelease on awkward corpus files', () => {
  it.each(['cr-only-line-endings.txt', 'crlf-line-endings.txt'])(
    'reads %s exactly like the same text with LF line endings',
    (name) => {
      const original = read('bad', name)
      expect(original).toMatch(/\r/)
      const parsed = parseRelease(original)
      expect(parsed).toEqual(parseRelease(original.replace(/\r\n?/g, '\n')))
      // expected.json quotes the title as received, no-break spaces included.
      expect(parsed.title).toBe(normaliseText(expected[name]?.title ?? ''))
      expect(parsed.paragraphs.length).toBeGreaterThan(5)
      for (const paragraph of parsed.paragraphs) expect(paragraph).not.toMatch(/[\r\n]/)
    },
  )

  it('cleans zero-width characters and no-break spaces out of a title', () => {
    const { title } = parseRelease(read('bad', 'zero-width-and-nbsp-title.txt'))
    expect(title).toBe(expected['zero-width-and-nbsp-title.txt']?.title)
    expect(title).toBe('Joint Statement on Regional Security')
  })

  it('reads many-paragraphs.txt as its title plus 3000 paragraphs (3001 in expected.json)', () => {
    // expected.json counts every paragraph of the file, title line included; the title is not a
    // numbered paragraph here, exactly as with the SCO releases.
    const { title, paragraphs } = parseRelease(read('bad', 'many-paragraphs.txt'))
    expect(title).toBe('Many paragraphs')
    expect(1 + paragraphs.length).toBe(expected['many-paragraphs.txt']?.paragraphs)
    expect(paragraphs[0]).toMatch(/^1\. DNC Finance Reception/)
    expect(paragraphs[2999]).toMatch(/^3000\. /)
  })

  it('joins the hard-wrapped lines of a White House statement into whole paragraphs', () => {
    const { title, paragraphs } = parseRelease(
      read('wh_briefings', 'briefings-statements__2025-01-22-omb-memo-m-25-11.txt'),
    )
    expect(title).toBe('OMB Memo M-25-11')
    const sentence =
      'This pause only applies to funds supporting programs, projects, or activities that may be implicated by the policy established in Section 2 of the order.'
    expect(paragraphs.filter((p) => p.includes(sentence))).toHaveLength(1)
    expect(paragraphs).toContain(
      'FROM: Matthew J. Vaeth, Acting Director, Office of Management and Budget',
    )
  })

  it('gives each Markdown bullet of a White House fact sheet its own paragraph', () => {
    const { paragraphs } = parseRelease(
      read(
        'wh_briefings',
        'briefings-statements__2025-01-23-fact-sheet-president-donald-j-trump-directs-administration-to-advance-lumbee-tribe-recognition.txt',
      ),
    )
    expect(paragraphs).toContain(
      '- The memorandum establishes that it is the policy of the United States to support federal recognition and full tribal benefits for the Lumbee Tribe of North Carolina.',
    )
    expect(paragraphs.filter((p) => p.startsWith('- '))).toHaveLength(6)
  })

  it('reflows a UN speech extracted from PDF: page breaks, page numbers and hyphens', () => {
    const text = read('ungdc', 'SWZ_68_2013.txt')
    expect(text).toMatch(/\f/)
    const { title, paragraphs } = parseRelease(text, { titleFromFirstLine: false })
    expect(title).toBe('')
    // A sentence cut by a form feed (page break) is rejoined.
    expect(
      paragraphs.some((p) => p.includes('wipe terrorism from the face of the universe.')),
    ).toBe(true)
    // Compounds broken at their own hyphen keep it, before a digit and before a word.
    expect(paragraphs.some((p) => p.includes('on the post-2015 development agenda'))).toBe(true)
    expect(paragraphs.some((p) => p.includes('It involved a cross-spectrum of stakeholders'))).toBe(
      true,
    )
    expect(paragraphs[0]).toMatch(/^[A-Z]/)
    for (const paragraph of paragraphs) expect(paragraph).not.toMatch(/\s{2}|\f/)
  })

  it('removes the hyphen of a word split across lines, keeps that of a compound', () => {
    const resolution = parseRelease(read('unsc_resolutions_en', 'S_RES_0178_1963_EN_GOLD.txt'))
    expect(resolution.paragraphs.join('\n')).toContain('will be eliminated in accordance with')
    const meeting = parseRelease(read('unsc_resolutions_en', 'S_RES_0022_1947_EN_GOLD.txt'))
    expect(meeting.paragraphs.join('\n')).toContain('Adopted at the 127th meeting by 8 votes')
    const speech = parseRelease(read('ungdc', 'CAN_58_2003.txt'), { titleFromFirstLine: false })
    expect(speech.paragraphs.join('\n')).toContain('Information-sharing is imperative')
  })

  it('splits a flattened Kremlin news item into paragraphs of whole sentences', () => {
    const text = read('kremlin_ru_2025', '2025-02-03_76193.txt')
    const [titleLine = '', body = ''] = normaliseText(text).split('\n')
    const { title, paragraphs, warnings } = parseRelease(text)
    expect(title).toBe(titleLine.trim())
    expect(paragraphs.length).toBeGreaterThan(5)
    paragraphs.forEach((paragraph, i) => {
      expect(paragraph.length).toBeLessThan(1500)
      if (i < paragraphs.length - 1) expect(paragraph).toMatch(/[.!?…»"]$/)
    })
    // Nothing is lost or reordered: the paragraphs are the line, cut at sentence ends.
    expect(paragraphs.join(' ')).toBe(body.replace(/\s+/g, ' ').trim())
    expect(warnings).toEqual([
      `text was one line of ${body.trim().length} characters; split into ${paragraphs.length} paragraphs at sentence boundaries`,
    ])
  })

  it('reads a Chinese report paragraph by paragraph without inserting spaces', () => {
    const text = read('cn_gov_reports_zh', 'cpc_000.txt')
    const { title, paragraphs } = parseRelease(text)
    expect(title).toBe('北京共产主义组织的报告 (一大)')
    expect(paragraphs[1]).toBe('在报告之前，我尽量简略地向你们叙述一下北京社会生活的情况。')
    // A heading without punctuation stays apart from the text under it.
    expect(paragraphs).toContain('在工人中的宣传工作')
    for (const paragraph of paragraphs)
      expect(paragraph).not.toMatch(/\p{Script=Han} \p{Script=Han}/u)
  })

  it('splits a 12 MB single-line file quickly, into bounded paragraphs', () => {
    const text = read('bad', 'huge-single-line.txt')
    const started = performance.now()
    const { title, paragraphs, warnings } = parseRelease(text)
    expect(performance.now() - started).toBeLessThan(15_000)
    expect(title).toBe('')
    expect(paragraphs.length).toBeGreaterThan(1000)
    expect(Math.max(...paragraphs.map((p) => p.length))).toBeLessThan(5000)
    expect(warnings).toHaveLength(1)
  }, 30_000)

  it('is deterministic, and its paragraph keys are unique within each release', () => {
    for (const folder of [
      'sco',
      'wh_briefings',
      'ungdc',
      'unsc_resolutions_en',
      'kremlin_ru_2025',
    ]) {
      const names = readdirSync(join(CORPUS, folder)).filter((_, i) => i % 97 === 0)
      for (const name of names) {
        const text = read(folder, name)
        const first = parseRelease(text)
        expect(parseRelease(text)).toEqual(first)
        const keys = paragraphKeys(first.paragraphs)
        expect(new Set(keys).size).toBe(keys.length)
      }
    }
  })
})

describe('parseRelease rules', () => {
  it('joins the lines of one paragraph and separates paragraphs at blank lines', () => {
    const text = 'Title\n\nfirst line\nsecond line\n\n  \nthird\n'
    expect(parseRelease(text)).toEqual({
      title: 'Title',
      paragraphs: ['first line second line', 'third'],
      warnings: [],
    })
  })

  it('turns no-break spaces into ordinary spaces and collapses runs of them', () => {
    expect(
      parseRelease('Title\u00a0one\n\nchaired by\u00a0 Kazakhstan\u202fin\tAstana').paragraphs,
    ).toEqual(['chaired by Kazakhstan in Astana'])
  })

  it('treats CR and CRLF line endings like LF', () => {
    const lf = parseRelease('Title\n\nOne\n\nTwo')
    expect(parseRelease('Title\r\rOne\r\rTwo')).toEqual(lf)
    expect(parseRelease('Title\r\n\r\nOne\r\n\r\nTwo\r\n')).toEqual(lf)
  })

  it('skips leading blank lines to find the title', () => {
    expect(parseRelease('\n\n   \nThe title  \nBody').title).toBe('The title')
  })

  it('gives a text with only a title no paragraphs', () => {
    expect(parseRelease('Only a title\n\n\n')).toEqual({
      title: 'Only a title',
      paragraphs: [],
      warnings: [],
    })
  })

  it('gives whitespace-only text no title', () => {
    expect(parseRelease(' \n\t\n')).toEqual({ title: '', paragraphs: [], warnings: [] })
  })

  it('takes no title when asked not to', () => {
    expect(parseRelease('First line.\nSecond line.', { titleFromFirstLine: false })).toEqual({
      title: '',
      paragraphs: ['First line.', 'Second line.'],
      warnings: [],
    })
  })

  it('starts a paragraph at each numbered clause of hard-wrapped text without blank lines', () => {
    const text = [
      'The Security Council,',
      'Recalling its previous resolutions on the situation in the region and',
      'the statements of its President on the same subject in recent years,',
      '1. Decides to extend the mandate of the mission until the end of the',
      'present year and to keep the situation under close review;',
      '2. Requests the Secretary-General to report on the implementation of',
      'this resolution within three months of its adoption by the Council;',
      '3. Decides to remain seized of the matter.',
    ].join('\n')
    const { paragraphs } = parseRelease(text, { titleFromFirstLine: false })
    expect(paragraphs).toEqual([
      'The Security Council, Recalling its previous resolutions on the situation in the region and the statements of its President on the same subject in recent years,',
      '1. Decides to extend the mandate of the mission until the end of the present year and to keep the situation under close review;',
      '2. Requests the Secretary-General to report on the implementation of this resolution within three months of its adoption by the Council;',
      '3. Decides to remain seized of the matter.',
    ])
  })

  it('ends a hard-wrapped paragraph at a short line that ends a sentence', () => {
    const text = [
      'Allow me first to congratulate the President on his election to the',
      'presidency of the fifty-second session of the General Assembly of the',
      'United Nations.',
      'We should also like to express our appreciation to the Secretary-',
      'General for his dedication and determination in turning the United',
      'Nations into a more effective instrument for the next century.',
    ].join('\n')
    expect(parseRelease(text, { titleFromFirstLine: false }).paragraphs).toEqual([
      'Allow me first to congratulate the President on his election to the presidency of the fifty-second session of the General Assembly of the United Nations.',
      'We should also like to express our appreciation to the Secretary-General for his dedication and determination in turning the United Nations into a more effective instrument for the next century.',
    ])
  })

  it('joins words hyphenated at a line end unless the document shows a compound', () => {
    const paragraph = (text: string) =>
      parseRelease(`Title\n\n${text}\n\nOther paragraph.`).paragraphs[0]
    expect(paragraph('the inter-\nnational community')).toBe('the international community')
    expect(paragraph('at the meet-\ning of the Council')).toBe('at the meeting of the Council')
    expect(paragraph('the right to self-\ndetermination')).toBe('the right to self-determination')
    expect(paragraph('a long-\nterm plan')).toBe('a long-term plan')
    // The document's own spelling decides: "peacekeeping" written solid elsewhere.
    expect(paragraph('peacekeeping and peace-\nkeeping')).toBe('peacekeeping and peacekeeping')
    // A dash with a space before it is not a hyphen.
    expect(paragraph('the people -\nand the State')).toBe('the people - and the State')
  })

  it('takes as the document’s spelling only whole words and whole compounds', () => {
    const paragraph = (text: string) =>
      parseRelease(`Title\n\n${text}\n\nOther paragraph.`).paragraphs[0]
    // "peacekeepers" is not "peacekeeping": the compound reading stands.
    expect(paragraph('peacekeepers and peace-\nkeeping')).toBe('peacekeepers and peace-keeping')
    // A word of a compound is a word of the document.
    expect(paragraph('decision-making and the de-\ncision')).toBe(
      'decision-making and the decision',
    )
    // A compound counts in any case; part of a longer compound does not count.
    expect(paragraph('Peace-Keeping and peace-\nkeeping')).toBe('Peace-Keeping and peace-keeping')
    expect(paragraph('well-to-do and to-\ndo')).toBe('well-to-do and todo')
  })

  it('does not mistake a text with short lines for hard-wrapped text', () => {
    const text = 'Title\n\nNominations Sent to the Senate:\nJane Doe, of Ohio.\nJohn Roe, of Iowa.'
    expect(parseRelease(text).paragraphs).toEqual([
      'Nominations Sent to the Senate:',
      'Jane Doe, of Ohio.',
      'John Roe, of Iowa.',
    ])
  })
})

describe('opensWrappedParagraph', () => {
  const long = 'and so the speech goes on for a good while, line after line, '.repeat(6)
  it('sees a speech that starts mid-sentence on its first line', () => {
    expect(opensWrappedParagraph(['On behalf ', 'of Spain, I would like', long], 300)).toBe(true)
    expect(
      opensWrappedParagraph(['Allow me to extend to you,', 'Sir, our', 'congratulations.'], 300),
    ).toBe(true)
    expect(
      opensWrappedParagraph(['138.\tBefore using this opportunity', '139.\tWe', 'x'], 300),
    ).toBe(true)
  })

  it('keeps a title, also one with its date and the first words under it', () => {
    expect(opensWrappedParagraph(['Joint statement', '', long], 300)).toBe(false)
    expect(opensWrappedParagraph(['Resolution 200 (1965)', 'of 15 March 1965', ''], 300)).toBe(
      false,
    )
    expect(
      opensWrappedParagraph(
        ['Resolution 427 (1978)', 'of 3 May 1978', 'The Security Council,'],
        300,
      ),
    ).toBe(false)
    expect(
      opensWrappedParagraph(['Встреча с Министром Китая Ван И', `Владимир Путин ${long}`], 300),
    ).toBe(false)
  })
})
