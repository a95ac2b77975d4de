import { describe, expect, it } from 'vitest'
import { sharedPhrases, type SharedParagraph } from './shared-phrases'

// From the SCO's 2014 and 2017 releases (../shared/corpus/sco/).
const Y2014 =
  'The parties stressed the importance of the UN central coordinating role and wide regional cooperation in efforts to achieve sustainable peace and security in Afghanistan.'
const Y2017 =
  'They confirmed the need for a peaceful solution to the Afghan conflict that should be led by the people of Afghanistan with the UN playing a central coordinating role.'
const RATS =
  'The participants noted the positive role of RATS in ensuring coordination of the activities of the competent bodies of the SCO member states in fighting terrorism, separatism and extremism.'

/** The text of each span of a paragraph, with its colour. */
function spans(text: string, paragraph: SharedParagraph): string[] {
  return paragraph.spans.map((s) => `${s.phrase}:${text.slice(s.start, s.end)}`)
}

describe('sharedPhrases', () => {
  it('finds a formula that gained words, with the same colour in both releases', () => {
    const [a, b] = sharedPhrases([[Y2014], [Y2017]])
    expect(spans(Y2014, a!.paragraphs[0]!)).toEqual(['0:the UN central coordinating role'])
    expect(spans(Y2017, b!.paragraphs[0]!)).toEqual([
      '0:the UN playing a central coordinating role',
    ])
    expect(a!.paragraphs[0]).toMatchObject({ words: 25, sharedWords: 5 })
    // The two words between the runs are highlighted but not counted as shared.
    expect(b!).toMatchObject({ words: 29, sharedWords: 5 })
  })

  it('shares a run of five identical words, not of four', () => {
    const five = sharedPhrases([
      ['Countering terrorism, separatism and extremism in the region'],
      ['in fighting Terrorism, Separatism and Extremism.'],
      ['by countering terrorism, separatism and extremism.'],
    ])
    // The first two share four words in a row, the first and the third five.
    expect(five.map((r) => r.sharedWords)).toEqual([5, 0, 5])
    expect(
      spans('by countering terrorism, separatism and extremism.', five[2]!.paragraphs[0]!),
    ).toEqual(['0:countering terrorism, separatism and extremism'])
    const four = sharedPhrases([
      ['terrorism, separatism and drugs'],
      ['terrorism, separatism and crime'],
    ])
    expect(four.map((r) => r.sharedWords)).toEqual([0, 0])
  })

  it('counts a shared phrase only within a paragraph', () => {
    const [a] = sharedPhrases([
      ['the member states in fighting', 'terrorism separatism and extremism'],
      ['the member states in fighting terrorism separatism and extremism'],
    ])
    expect(a!.paragraphs.map((p) => p.sharedWords)).toEqual([5, 0])
  })

  it('does not take function words that happen to coincide for a phrase', () => {
    const result = sharedPhrases([
      ['the development of the region and the people of the world'],
      ['the security of the state and the army of the country'],
    ])
    expect(result.map((r) => r.sharedWords)).toEqual([0, 0])
  })

  it('folds as search does: case, look-alike letters and diacritics', () => {
    const result = sharedPhrases([
      ['Shanghai Cooperation Organisation Member States met in São Paulo'],
      ['shanghai cooperation organisation \u041cember states met in Sao Paulo'],
    ])
    expect(result.map((r) => r.sharedWords)).toEqual([9, 9])
  })

  it('gives a phrase one colour in every release it is in, among three', () => {
    const result = sharedPhrases([
      [RATS],
      [Y2014],
      [`Fighting terrorism, separatism and extremism. ${Y2017}`],
    ])
    const colours = (r: number, text: string) => spans(text, result[r]!.paragraphs[0]!)
    expect(colours(0, RATS)).toEqual(['0:fighting terrorism, separatism and extremism'])
    expect(colours(1, Y2014)).toEqual(['1:the UN central coordinating role'])
    expect(colours(2, `Fighting terrorism, separatism and extremism. ${Y2017}`)).toEqual([
      '0:Fighting terrorism, separatism and extremism',
      '1:the UN playing a central coordinating role',
    ])
  })
})
