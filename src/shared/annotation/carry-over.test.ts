import { beforeAll, describe, expect, it } from 'vitest'
import { carryAnnotations, carryParagraph, paragraphSimilarity, type Placement } from './carry-over'
import { readingText } from './reading-text'
import {
  corpusText,
  passage,
  prepareCorpusFile,
  prepareText,
  SCO_2017,
  SCO_2017_NEW_VERSION,
  type TestVersion,
} from './test-support/versions'

let old: TestVersion
let next: TestVersion

beforeAll(async () => {
  old = await prepareCorpusFile(SCO_2017)
  next = await prepareCorpusFile(SCO_2017_NEW_VERSION)
})

/**
 * The 2017 release with one paragraph's text replaced, prepared as the import would. The file
 * has no-break spaces, which the import reads as spaces; they are spaces here too, so that the
 * edits can be written plainly.
 */
async function rewritten(from: string, to: string): Promise<TestVersion> {
  const text = corpusText(SCO_2017).replace(/\u00a0/g, ' ')
  if (!text.includes(from)) throw new Error(`the release has no “${from}”`)
  return prepareText('rewritten.txt', text.replace(from, to))
}

/** The text a placement points at in the new version: what the reader will see highlighted. */
function highlighted(version: TestVersion, placement: Placement): string {
  const { start, end } = placement.placed!.position
  return readingText(version.title, version.paragraphs).slice(start, end)
}

function paragraphOf(version: TestVersion, placement: Placement): string {
  return version.paragraphs[version.keys.indexOf(placement.placed!.paragraphKey)]!
}

describe('carryAnnotations on the 2017 SCO release and its new version', () => {
  it('sees exactly the two reworded paragraphs as changed', () => {
    const changed = old.keys.filter((key) => !next.keys.includes(key))
    expect(changed.map((key) => old.paragraphs[old.keys.indexOf(key)]!.slice(0, 40))).toEqual([
      'The National Security Council secretarie',
      'The next meeting of the SCO National Sec',
    ])
  })

  it('carries a passage of every unchanged paragraph with the same quote', () => {
    const unchanged = old.keys.flatMap((key, index) => (next.keys.includes(key) ? [index] : []))
    expect(unchanged).toHaveLength(22)
    const items = unchanged.map((index) => {
      const words = old.paragraphs[index]!.split(' ')
      return passage(old, words.slice(2, 7).join(' '), { id: `p${index}`, paragraphIndex: index })
    })
    const placements = carryAnnotations(old, next, items)
    placements.forEach((placement, i) => {
      const item = items[i]!
      expect(placement).toMatchObject({ id: item.id, how: 'same-paragraph', reason: null })
      expect(placement.placed!.paragraphKey).toBe(item.paragraphKey)
      expect(placement.placed!.quote.exact).toBe(item.quote.exact)
      expect(highlighted(next, placement)).toBe(item.quote.exact)
    })
  })

  it('finds a passage of a reworded paragraph that is still there, word for word', () => {
    const [placement] = carryAnnotations(old, next, [
      passage(old, 'countering terrorism, separatism and extremism'),
    ])
    expect(placement).toMatchObject({ how: 'exact', reason: null })
    expect(paragraphOf(next, placement!)).toContain('friendly, constructive and businesslike')
    expect(placement!.placed!.quote).toEqual({
      exact: 'countering terrorism, separatism and extremism',
      prefix: 'r states in the spheres such as ',
      suffix: ', trafficking in weapons and dru',
    })
    expect(highlighted(next, placement!)).toBe('countering terrorism, separatism and extremism')
  })

  it('sends a passage whose words were rewritten to review, saying why', () => {
    const [placement] = carryAnnotations(old, next, [
      passage(old, 'traditionally friendly and constructive'),
    ])
    expect(placement).toEqual({
      id: 'traditionally friendly and constructive',
      placed: null,
      how: null,
      reason:
        'its paragraph changed: the passage “traditionally friendly and constructive” is not in the new version',
    })
  })

  it('keeps “People’s Republic of China” in the rewritten last paragraph, not in the list of participants', () => {
    // The quote also occurs in paragraph 2 ("Member of the State Council of the People's Republic
    // of China"), and its old prefix (“…take place in the ”) agrees more with that occurrence than
    // with the new “…take place in Qingdao, ”. Paragraph 2 is unchanged, so that occurrence was
    // there before as a different passage; the rewritten last paragraph is where it went.
    const last = old.paragraphs.length - 1
    const item = passage(old, "People's Republic of China", { paragraphIndex: last })
    expect(old.paragraphs[2]).toContain("People's Republic of China")
    const [placement] = carryAnnotations(old, next, [item])
    expect(placement).toMatchObject({ how: 'exact', reason: null })
    expect(placement!.placed!.paragraphKey).toBe(next.keys[next.keys.length - 1])
    expect(placement!.placed!.quote).toEqual({
      exact: "People's Republic of China",
      prefix: 'ies will take place in Qingdao, ',
      suffix: ', in 2018.',
    })
  })

  it('never moves a passage to a look-alike in another paragraph when its own paragraph lost it', async () => {
    // "fighting terrorism, separatism and extremism" (paragraph 21, unchanged) is 85% like the quote.
    const edited = await rewritten(
      'in the spheres such as countering terrorism, separatism and extremism, trafficking',
      'in the spheres such as trafficking',
    )
    const [placement] = carryAnnotations(old, edited, [
      passage(old, 'countering terrorism, separatism and extremism'),
    ])
    expect(edited.paragraphs[21]).toContain('fighting terrorism, separatism and extremism')
    expect(placement!.placed).toBeNull()
    expect(placement!.reason).toBe(
      'its paragraph changed: the passage “countering terrorism, separatism and extremism” is not in the new version',
    )
  })

  it('does not attach a passage to a similar sentence about something else in its rewritten paragraph', async () => {
    // 86% alike by characters, same context: only the word check tells Ukraine from Syria.
    const edited = await rewritten(
      'a political settlement of the Ukraine crisis on the basis of implementation of the Minsk agreements of 12 February 2015.',
      'a political settlement of the Syrian crisis under the auspices of the UN.',
    )
    const placements = carryAnnotations(old, edited, [
      passage(old, 'a political settlement of the Ukraine crisis', { id: 'ukraine' }),
      passage(old, 'the Minsk agreements of 12 February 2015', { id: 'minsk' }),
    ])
    expect(placements.map((placement) => [placement.id, placement.placed])).toEqual([
      ['ukraine', null],
      ['minsk', null],
    ])
  })

  it('does not carry a date to a changed date', async () => {
    const edited = await rewritten(
      'Minsk agreements of 12 February 2015',
      'Minsk agreements of 12 February 2016',
    )
    const [placement] = carryAnnotations(old, edited, [
      passage(old, 'Minsk agreements of 12 February 2015'),
    ])
    expect(placement!.placed).toBeNull()
  })

  it('follows a passage through changes of spelling and punctuation', async () => {
    const edited = await rewritten(
      'including Peace Mission-2016 and Cooperation-2016, as well as Unity-2016 joint border operation.',
      'including Peace Mission 2016 and Cooperation 2016, as well as the Unity-2016 joint border operation.',
    )
    const spelled = await rewritten(
      'The sides welcomed the successful harmonisation of the draft SCO Convention on Countering Extremism.',
      'The sides welcomed the successful harmonization of the draft SCO Convention on Countering Extremism, which was long awaited.',
    )
    const [peace] = carryAnnotations(old, edited, [
      passage(old, 'Peace Mission-2016 and Cooperation-2016'),
    ])
    expect(peace).toMatchObject({ how: 'fuzzy', reason: null })
    expect(highlighted(edited, peace!)).toBe('Peace Mission 2016 and Cooperation 2016')

    const [convention] = carryAnnotations(old, spelled, [
      passage(old, 'successful harmonisation of the draft SCO Convention on Countering Extremism'),
    ])
    expect(convention).toMatchObject({ how: 'fuzzy', reason: null })
    expect(convention!.placed!.quote.exact).toBe(
      'successful harmonization of the draft SCO Convention on Countering Extremism',
    )
  })

  it('finds a long passage whose opening words changed too much to match by its closing words', async () => {
    const sentence =
      'The participants emphasised that using the internet and online communication technology remains one of the main avenues for spreading destructive ideology.'
    const edited = await rewritten(
      'The participants emphasised that',
      'THE PARTICIPANTS EMPHASISED that',
    )
    const [placement] = carryAnnotations(old, edited, [passage(old, sentence)])
    expect(placement).toMatchObject({ how: 'fuzzy', reason: null })
    expect(placement!.placed!.quote.exact).toBe(
      sentence.replace('The participants emphasised', 'THE PARTICIPANTS EMPHASISED'),
    )
  })

  it('sends a passage that now occurs twice in its paragraph, in the same words around it, to review', async () => {
    // Neither new occurrence keeps the old context (“…the importance of ”, “ of the Ukraine…”).
    const edited = await rewritten(
      'The participants confirmed the importance of a political settlement of the Ukraine crisis',
      'The participants called for a political settlement in Syria and for a political settlement in Ukraine',
    )
    const [placement] = carryAnnotations(old, edited, [passage(old, 'a political settlement')])
    expect(placement).toMatchObject({
      placed: null,
      reason: 'the passage occurs 2 times in the new version',
    })
  })

  it('keeps each of several annotations on its own passage when a paragraph is inserted before them', async () => {
    const edited = await rewritten(
      'The heads of delegations were received',
      'The meeting opened with a minute of silence.\n\nThe heads of delegations were received',
    )
    const items = [
      passage(old, 'Nursultan Nazarbayev', { id: 'a' }),
      passage(old, 'Resolution 2254', { id: 'b' }),
    ]
    const placements = carryAnnotations(old, edited, items)
    expect(placements.map((p) => [p.id, p.how, highlighted(edited, p)])).toEqual([
      ['a', 'same-paragraph', 'Nursultan Nazarbayev'],
      ['b', 'same-paragraph', 'Resolution 2254'],
    ])
  })

  it('carries passages of a Chinese release, and refuses one in which a character changed', async () => {
    const before = await prepareText(
      'zh.txt',
      '上海合作组织成员国安全会议秘书第十二次会议新闻公报\n\n会议在阿斯塔纳举行。\n\n各方在传统友好和建设性的气氛中交换了意见。\n\n下次会议将在中华人民共和国举行。',
    )
    const after = await prepareText(
      'zh.txt',
      '上海合作组织成员国安全会议秘书第十二次会议新闻公报\n\n会议在阿斯塔纳举行。\n\n各方在友好、务实和建设性的气氛中交换了意见。\n\n下次会议将于2018年在中华人民共和国青岛举行。',
    )
    const placements = carryAnnotations(before, after, [
      passage(before, '阿斯塔纳', { id: 'city' }),
      passage(before, '传统友好', { id: 'mood' }),
      passage(before, '中华人民共和国', { id: 'china' }),
    ])
    expect(placements.map((p) => [p.id, p.how, p.placed && highlighted(after, p)])).toEqual([
      ['city', 'same-paragraph', '阿斯塔纳'],
      ['mood', null, null],
      ['china', 'exact', '中华人民共和国'],
    ])
  })
})

describe('carryParagraph', () => {
  it('keeps an unchanged paragraph and follows each reworded one to its new text', () => {
    expect(carryParagraph(old, next, old.keys[3]!)).toBe(old.keys[3])
    expect(carryParagraph(old, next, old.keys[4]!)).toBe(next.keys[4])
    expect(carryParagraph(old, next, old.keys[23]!)).toBe(next.keys[23])
    expect(next.keys[4]).not.toBe(old.keys[4])
  })

  it('gives null for a paragraph that was removed', async () => {
    const edited = await rewritten(
      'The sides welcomed the successful harmonisation of the draft SCO Convention on Countering Extremism.\n\n',
      '',
    )
    expect(edited.paragraphs).toHaveLength(old.paragraphs.length - 1)
    expect(carryParagraph(old, edited, old.keys[16]!)).toBeNull()
  })

  it('gives null when a paragraph became two that are equally like it', async () => {
    const before = await prepareText(
      'a.txt',
      'Statement\n\nThe ministers met in Astana and discussed trade, security and culture.',
    )
    const after = await prepareText(
      'a.txt',
      'Statement\n\nThe ministers met in Astana and discussed trade.\n\nThe ministers met in Astana and discussed culture.',
    )
    expect(carryParagraph(before, after, before.keys[0]!)).toBeNull()
  })

  it('gives null when the new paragraph shares too little of the old one', async () => {
    const edited = await rewritten(
      'The heads of delegations were received by President of the Republic of Kazakhstan Nursultan Nazarbayev.',
      'The delegations then visited the national museum and the opera house of the capital.',
    )
    expect(paragraphSimilarity(old.paragraphs[3]!, edited.paragraphs[3]!)).toBeLessThan(0.6)
    expect(carryParagraph(old, edited, old.keys[3]!)).toBeNull()
  })
})

describe('paragraphSimilarity', () => {
  it('is 1 for the same words, 0 for none in common, and counts Chinese characters as words', () => {
    expect(paragraphSimilarity('A b, c.', 'a B c')).toBe(1)
    expect(paragraphSimilarity('one two', 'three four')).toBe(0)
    expect(paragraphSimilarity('中华人民共和国', '中华人民共和国青岛')).toBeCloseTo(14 / 16)
  })
})
