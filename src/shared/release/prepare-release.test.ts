import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { prepareRelease, type PreparedRelease } from './prepare-release'
import { ReleaseIndex } from './similarity'

const CORPUS = join(__dirname, '../../../../shared/corpus')
const utf8 = (text: string) => new TextEncoder().encode(text)
const read = (path: string) => new Uint8Array(readFileSync(join(CORPUS, path)))

async function ready(name: string, bytes: Uint8Array): Promise<PreparedRelease> {
  const outcome = await prepareRelease(name, bytes)
  if (outcome.kind !== 'ready') throw new Error(`${name} was refused: ${outcome.reason}`)
  return outcome.release
}

describe('prepareRelease', () => {
  it('prepares a text file with its hashes, title, paragraphs and stable paragraph keys', async () => {
    const release = await ready('a.txt', utf8('Statement\n\nOne.\n\nTwo.\n'))
    expect(release).toMatchObject({
      fileName: 'a.txt',
      title: 'Statement',
      paragraphs: ['One.', 'Two.'],
      encoding: 'utf-8',
      warnings: [],
      // sha256 of the exact bytes above, computed independently with `sha256sum`.
      sourceHash: 'b18f7d477040e35d91e42142b9aae9dca53c00e17956b2fb04a88db0776c91aa',
    })
    const again = await ready('b.txt', utf8('Statement\r\n\r\nOne.\r\n\r\nTwo.'))
    expect(again.contentHash).toBe(release.contentHash)
    expect(again.sourceHash).not.toBe(release.sourceHash)
    expect(again.paragraphKeys).toEqual(release.paragraphKeys)
  })

  it.each([
    ['report.pdf', utf8('%PDF-1.7'), 'unsupported type'],
    ['blank.txt', utf8(' \n\t\r\n'), 'empty'],
    ['invisible.txt', utf8('\u200b\u2060\u00ad\n\u00a0\n'), 'empty'],
    ['nul.txt', utf8('A statement on trade.\n\nIt goes on here\u0000 and stops.\n'), 'binary'],
  ])('refuses %s as %s', async (name, bytes, reason) => {
    expect(await prepareRelease(name, bytes)).toEqual({ kind: 'rejected', fileName: name, reason })
  })

  it('refuses a file over the size limit and says how large it is', async () => {
    const outcome = await prepareRelease('big.txt', new Uint8Array(3 * 1024 * 1024).fill(65), {
      maxBytes: 1024 * 1024,
    })
    expect(outcome).toEqual({
      kind: 'rejected',
      fileName: 'big.txt',
      reason: 'too large (3.0 MB; the limit is 1.0 MB)',
    })
  })

  it('imports text with invalid bytes but warns how many were replaced', async () => {
    const release = await ready('bad/invalid-utf8-bytes.txt', read('bad/invalid-utf8-bytes.txt'))
    expect(release.warnings).toEqual(['3 invalid byte sequences were replaced with �'])
  })

  it('extracts the 2017 SCO release’s date, place, participants, organisations and references', async () => {
    const release = await ready('sco/000.txt', read('sco/000_5b5391892682d1ae.txt'))
    const m = release.metadata
    expect(m.language).toBe('en')
    expect(m.docType).toBe('press release')
    expect(m.date).toEqual({
      iso: '2017-04-05',
      end: '2017-04-06',
      text: '5-6 April',
      inferred: true,
    })
    expect(m.place).toBe('Astana')
    expect(m.organisations).toEqual(expect.arrayContaining(['SCO', 'RATS', 'UN', 'UNODC']))
    const people = m.participants.map((p) => [p.name, p.country])
    expect(people).toEqual(
      expect.arrayContaining([
        ['Vladimir Zhumakanov', 'Kazakhstan'],
        ['Guo Shengkun', 'China'],
        ['Temir Djumakadyrov', 'Kyrgyzstan'],
        ['Nikolai Patrushev', 'Russia'],
        ['Abdurakhim Kaharov', 'Tajikistan'],
        ['Viktor Mahmudov', 'Uzbekistan'],
        ['Rashid Alimov', null],
        ['Yevgeny Sysoyev', null],
      ]),
    )
    expect(m.participants.find((p) => p.name === 'Nikolai Patrushev')?.role).toBe(
      'Secretary of the Security Council',
    )
    const references = m.references.map((r) => r.label)
    expect(references).toContain('UN Security Council Resolution 2254')
    expect(m.references.find((r) => r.label === 'Minsk agreements')?.date?.iso).toBe('2015-02-12')
  })

  it('extracts the 2014 SCO release’s date, place, twelve countries and organisations', async () => {
    const release = await ready('sco/003.txt', read('sco/003_e372a3fb9bb542ce.txt'))
    const m = release.metadata
    expect(m.date?.iso).toBe('2014-01-22')
    expect(m.date?.inferred).toBe(false)
    expect(m.place).toBe('Moscow')
    expect([...m.countries].sort()).toEqual(
      [
        'Afghanistan',
        'China',
        'India',
        'Iran',
        'Kazakhstan',
        'Kyrgyzstan',
        'Mongolia',
        'Pakistan',
        'Russia',
        'Tajikistan',
        'Turkey',
        'Uzbekistan',
      ].sort(),
    )
    expect(m.organisations).toEqual(
      expect.arrayContaining(['UNAMA', 'UNODC', 'UNDP', 'CSTO', 'CIS', 'RATS', 'SCO']),
    )
    expect(release.mixedScriptWords).toEqual(['Мember'])
  })

  it('reads a saved web page’s article only, in its declared encoding', async () => {
    const release = await ready('bad/saved-web-page.html', read('bad/saved-web-page.html'))
    expect(release.encoding).toBe('windows-1251')
    expect(release.title).toBe('Press release on the meeting of SCO Foreign Ministers')
    expect(release.metadata.date?.iso).toBe('2019-06-14')
    expect(release.metadata.place).toBe('Bishkek')
    const text = release.paragraphs.join('\n')
    expect(text).not.toMatch(/<script|function\s*\(|{\s*[a-z-]+:/i)
  })

  it('takes title, date and place from Markdown front matter', async () => {
    const release = await ready(
      'bad/markdown-front-matter.md',
      read('bad/markdown-front-matter.md'),
    )
    expect(release.title).toBe('Joint Statement of the Foreign Ministers')
    expect(release.metadata.date?.iso).toBe('2019-06-14')
    expect(release.metadata.place).toBe('Bishkek')
    expect(release.paragraphs.join('\n')).not.toContain('---')
  })

  it('titles a speech with no title line by its opening words, not by its first wrapped line', async () => {
    // The file starts "On behalf \nof Spain, I would like to congratulate…", hard-wrapped.
    const speech = await ready('ESP_68_2013.txt', read('ungdc/ESP_68_2013.txt'))
    expect(speech.title).toMatch(/^On behalf of Spain, I would like to congratulate .*…$/)
    expect(speech.paragraphs[0]).toMatch(/^On behalf of Spain, I would like to congratulate/)
    expect(speech.metadata.docType).toBe('speech')
    // A title on two lines stays a title, and so does one that ends with a name.
    const resolution = await ready(
      'S_RES_0200_1965_EN_GOLD.txt',
      read('unsc_resolutions_en/S_RES_0200_1965_EN_GOLD.txt'),
    )
    expect(resolution.title).toBe('Resolution 200 (1965)')
    const meeting = await ready(
      'meeting.txt',
      utf8(
        `Встреча с Министром иностранных дел Китая Ван И\n${'Владимир Путин провёл встречу. '.repeat(20)}\n`,
      ),
    )
    expect(meeting.title).toBe('Встреча с Министром иностранных дел Китая Ван И')
  })

  it('judges the UTF-16 copy of the 2017 release a duplicate and the edited one a new version', async () => {
    const index = new ReleaseIndex()
    const seed = await ready('sco/000.txt', read('sco/000_5b5391892682d1ae.txt'))
    index.add({ ...seed, id: 'seed' })
    const utf16 = await ready('bad/utf16le-bom.txt', read('bad/utf16le-bom.txt'))
    expect(index.judge(utf16)).toMatchObject({ kind: 'duplicate', of: { id: 'seed' } })
    const edited = await ready('bad/new-version-of-seed.txt', read('bad/new-version-of-seed.txt'))
    const judgement = index.judge(edited)
    expect(judgement).toMatchObject({ kind: 'version', of: { id: 'seed' } })
    // An unrelated release with the same routine title is not a version.
    const other = await ready(
      'x.txt',
      utf8(`${seed.title}\n\nA different text about trade and tariffs entirely.`),
    )
    expect(index.judge(other)).toEqual({ kind: 'new' })
  })
})
