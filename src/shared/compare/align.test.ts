import { describe, expect, it } from 'vitest'
import { alignParagraphs, type AlignedRow } from './align'

// Paragraphs of the SCO's 2014 joint press release (../shared/corpus/sco/003_…).
const P = [
  'Participants exchanged views on issues of regional security with the focus on fighting international terrorism and religious extremism, illicit drug trafficking, organized crime, cybercrime and other challenges and threats that have acquired trans-boundary character.',
  'An important factor of regional security is the situation in Afghanistan especially in the context of the forthcoming withdrawal of the International Security Assistance Forces (ISAF) in 2014.',
  'Participants emphasized the importance of maintaining international assistance to the Afghan National Security Forces in the form of capacity building and financial aid in order to help prevent the deterioration of the security situation following the completion of the ISAF mission.',
  'The parties stressed the importance of the UN central coordinating role and wide regional cooperation in the fight against illicit drugs.',
  'The participants reaffirmed their support for a stable, secure, prosperous and united Afghanistan.',
]
const NEW =
  'The Member States agreed to hold the next consultations in Beijing in the first half of the year, on a date agreed through diplomatic channels.'

/** Rows as short strings: "0=0" a pair, "0+1=2" two joined, "<3" left only, ">3" right only, "<3→1" moved. */
function plan(rows: readonly AlignedRow[]): string[] {
  return rows.map((row) => {
    if (row.kind === 'pair') return `${row.left.join('+')}=${row.right.join('+')}`
    const mark = row.kind === 'left' ? '<' : '>'
    return row.moved === null ? `${mark}${row.paragraph}` : `${mark}${row.paragraph}→${row.moved}`
  })
}

describe('alignParagraphs', () => {
  it('pairs identical releases paragraph by paragraph, each identical with similarity 1', () => {
    const rows = alignParagraphs(P, P)
    expect(plan(rows)).toEqual(['0=0', '1=1', '2=2', '3=3', '4=4'])
    for (const row of rows) expect(row).toMatchObject({ identical: true, similarity: 1 })
  })

  it('leaves a gap for a paragraph inserted', () => {
    const right = [...P.slice(0, 2), NEW, ...P.slice(2)]
    expect(plan(alignParagraphs(P, right))).toEqual(['0=0', '1=1', '>2', '2=3', '3=4', '4=5'])
  })

  it('leaves a gap for a paragraph deleted', () => {
    const right = [...P.slice(0, 3), ...P.slice(4)]
    expect(plan(alignParagraphs(P, right))).toEqual(['0=0', '1=1', '2=2', '<3', '4=3'])
  })

  it('pairs one of two swapped paragraphs in order and marks the other as moved', () => {
    const right = [P[0]!, P[2]!, P[1]!, P[3]!, P[4]!]
    const rows = alignParagraphs(P, right)
    expect(plan(rows)).toEqual(['0=0', '<1→2', '2=1', '>2→1', '3=3', '4=4'])
    expect(rows[1]).toMatchObject({ similarity: 1 })
  })

  it('pairs a paragraph split in two with both halves', () => {
    const cut = P[2]!.indexOf(' in order to')
    const right = [
      P[0]!,
      P[1]!,
      P[2]!.slice(0, cut) + '.',
      'In order to' + P[2]!.slice(cut + 12),
      ...P.slice(3),
    ]
    const rows = alignParagraphs(P, right)
    expect(plan(rows)).toEqual(['0=0', '1=1', '2=2+3', '3=4', '4=5'])
    expect(rows[2]).toMatchObject({ similarity: 1, identical: false })
    // And two joined into one, the other way round.
    expect(plan(alignParagraphs(right, P))).toEqual(['0=0', '1=1', '2+3=2', '4=3', '5=4'])
  })

  it('marks an edited paragraph as paired but not identical', () => {
    const right = [...P]
    right[3] = P[3]!.replace('central coordinating role', 'central role')
    const row = alignParagraphs(P, right)[3]!
    expect(row).toMatchObject({ kind: 'pair', left: [3], right: [3], identical: false })
    expect(row.kind === 'pair' && row.similarity).toBeGreaterThan(0.9)
    expect(row.kind === 'pair' && row.similarity).toBeLessThan(1)
  })

  it('pairs nothing across releases that share no paragraph, and takes empty releases', () => {
    expect(plan(alignParagraphs([P[0]!], [NEW]))).toEqual(['<0', '>0'])
    expect(alignParagraphs([], [])).toEqual([])
    expect(plan(alignParagraphs([], [NEW]))).toEqual(['>0'])
  })

  it('folds as search does: case and look-alike letters do not matter', () => {
    const rows = alignParagraphs(['The SCO Member States'], ['the sco \u041cember states'])
    expect(rows).toEqual([{ kind: 'pair', left: [0], right: [0], similarity: 1, identical: true }])
  })
})

describe('alignParagraphs for translations', () => {
  const EN = [
    'On 22 January 2014 consultations of the SCO Member States on regional security issues were held in Moscow.',
    'Participants exchanged views on regional security, terrorism and drug trafficking.',
    'The withdrawal of the International Security Assistance Forces in 2014 was discussed.',
    'The next consultations will be held in 2015 in Beijing.',
  ]
  const RU = [
    '22 января 2014 года в Москве прошли консультации государств – членов ШОС по вопросам региональной безопасности.',
    'Участники обменялись мнениями о региональной безопасности, терроризме и наркотрафике.',
    'Обсуждался вывод Международных сил содействия безопасности в 2014 году.',
    'Следующие консультации пройдут в 2015 году в Пекине.',
  ]

  it('pairs paragraphs in order, which words alone cannot', () => {
    expect(plan(alignParagraphs(EN, RU, 'translations'))).toEqual(['0=0', '1=1', '2=2', '3=3'])
    expect(plan(alignParagraphs(EN, RU))).toEqual(['<0', '<1', '<2', '<3', '>0', '>1', '>2', '>3'])
  })

  it('leaves a gap where the translation has no paragraph, placed by the numbers', () => {
    // Without its first paragraph: by place alone the first two would pair.
    const shorter = RU.slice(1)
    expect(plan(alignParagraphs(EN, shorter, 'translations'))).toEqual(['<0', '1=0', '2=1', '3=2'])
  })
})
