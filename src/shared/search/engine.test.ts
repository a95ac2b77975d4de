import { describe, expect, it } from 'vitest'
import { search, searchSimilar, withPairs, type SearchMode, type SearchOutcome } from './engine'
import { parseQuery } from './query'
import { memorySource, type MemoryRelease } from './test-support/memory-source'

const RELEASES: MemoryRelease[] = [
  {
    releaseId: 'astana',
    title: 'Astana Declaration on Terrorism',
    paragraphs: [
      // A Cyrillic М in "Member", as OCR leaves it.
      'The \u041cember States condemn terrorism and extremism in all their forms.',
      'International organisations must act against terrorist financing.',
      'The heads of state signed the convention in Astana.',
    ],
    date: '2017-06-10',
    lang: 'en',
    type: 'Joint statement',
    place: 'Astana, Kazakhstan',
    organisations: ['Shanghai Cooperation Organisation', 'United Nations (UN)'],
    countries: ['Kazakhstan', 'China'],
    persons: ['Nursultan Nazarbayev'],
  },
  {
    releaseId: 'dushanbe',
    title: 'Heads of State Council meets in Dushanbe',
    // "border" ends one paragraph and "Security" starts the next.
    paragraphs: [
      'The organisation discussed counter-terrorism along the border',
      'Security of the region was the main topic.',
    ],
    date: '2014-09-12',
    lang: 'en',
    type: 'Press release',
    place: 'Dushanbe',
    organisations: ['SCO'],
    countries: ['Tajikistan', 'Russia'],
    persons: ['Xi Jinping', 'Vladimir Putin'],
  },
  {
    releaseId: 'ufa',
    title: 'Remarks on border security',
    paragraphs: ['Border security and trade were discussed.', 'Energy and trade cooperation grew.'],
    date: '2015-07',
    lang: 'en',
    type: 'Speech',
    place: 'Ufa',
    organisations: ['BRICS'],
    countries: ['Russia', 'India'],
    persons: ['Narendra Modi'],
  },
  {
    releaseId: 'moscow',
    title: 'Заявление о борьбе с терроризмом',
    paragraphs: ['Стороны осудили проявления терроризма.', 'Совет обсудил вопросы безопасности.'],
    date: '2017',
    lang: 'ru',
    type: 'Заявление',
    place: 'Москва',
    organisations: ['ОДКБ'],
    countries: ['Россия'],
    persons: ['Владимир Путин'],
  },
  {
    releaseId: 'qingdao',
    title: '上海合作组织青岛峰会',
    paragraphs: ['上海合作组织成员国领导人出席会议。', '各方同意加强安全合作。'],
    date: '2018-06-10',
    lang: 'zh',
    type: '新闻公报',
    place: '青岛',
    organisations: ['上海合作组织'],
    countries: ['中国'],
    persons: ['习近平'],
  },
  {
    releaseId: 'sochi',
    title: 'Security talks in Sochi',
    // "security" and "border" in one paragraph, but not side by side.
    paragraphs: [
      'The security of the border region was discussed.',
      'Terror attacks were condemned.',
    ],
    date: '2019-01-15',
    lang: 'en',
    type: 'Press release',
    place: 'Sochi',
    organisations: ['United Nations'],
    countries: ['Russia'],
  },
]

const TAGS = new Map([['Topics/Security', new Set(['ufa', 'sochi'])]])
const source = memorySource(RELEASES, 2, TAGS)

async function run(text: string, mode: SearchMode = 'release'): Promise<SearchOutcome> {
  const parsed = parseQuery(text)
  if (!parsed.ok) throw new Error(`${text}: ${parsed.message}`)
  return search(source, parsed.root, { mode, ignoreDiacritics: true })
}

function hitsOf(outcome: SearchOutcome) {
  if (!outcome.ok) throw new Error(outcome.message)
  return outcome.hits.toArray()
}

/** The releases a query finds, in rank order. */
async function ranked(text: string): Promise<string[]> {
  return hitsOf(await run(text)).map((h) => h.doc.releaseId)
}

/** The releases a query finds, sorted by id (for queries whose order is not the point). */
async function found(text: string): Promise<string[]> {
  return (await ranked(text)).sort()
}

/** Paragraph results as "release:paragraph", sorted. */
async function paragraphs(text: string): Promise<string[]> {
  return hitsOf(await run(text, 'paragraph'))
    .map((h) => `${h.doc.releaseId}:${h.paragraph}`)
    .sort()
}

describe('search: words', () => {
  it('finds releases with all the words', async () => {
    expect(await found('terrorism')).toEqual(['astana', 'dushanbe', 'sochi'])
    expect(await found('terrorism border')).toEqual(['dushanbe', 'sochi'])
    expect(await found('terrorism border energy')).toEqual([])
  })

  it('finds releases with either side of OR', async () => {
    expect(await found('extremism OR energy')).toEqual(['astana', 'ufa'])
    expect(await found('extremism OR nonexistent')).toEqual(['astana'])
  })

  it('leaves out releases with an excluded word anywhere', async () => {
    expect(await found('security')).toEqual(['dushanbe', 'sochi', 'ufa'])
    expect(await found('security -trade')).toEqual(['dushanbe', 'sochi'])
    expect(await found('security -Sochi')).toEqual(['dushanbe', 'ufa'])
  })

  it('lists every other release, newest first, for a query of only an exclusion', async () => {
    expect(await ranked('-security')).toEqual(['qingdao', 'astana', 'moscow'])
  })

  it('matches a prefix against every word starting so', async () => {
    expect(await found('terror*')).toEqual(['astana', 'dushanbe', 'sochi'])
    expect(await found('террор*')).toEqual(['moscow'])
    const outcome = await run('terror*')
    expect(outcome.ok && [...outcome.terms].sort()).toEqual(['terror', 'terrorism', 'terrorist'])
  })

  it('matches other forms of a word without quotes, and the word as written in quotes', async () => {
    expect(await found('organisations')).toEqual(['astana', 'dushanbe'])
    expect(await found('"organisations"')).toEqual(['astana'])
    expect(await paragraphs('терроризма')).toEqual(['moscow:0', 'moscow:1'])
    expect(await paragraphs('"терроризма"')).toEqual(['moscow:1'])
  })

  // A "word" without word characters (a dash, an ampersand) is left out, not an AND's end.
  it('ignores a word made of punctuation only', async () => {
    expect(await found('trade energy')).toEqual(['ufa'])
    expect(await found('trade & energy')).toEqual(['ufa'])
  })

  it('folds case and look-alike letters', async () => {
    expect(await found('MEMBER')).toEqual(['astana'])
    expect(await found('ЗАЯВЛЕНИЕ')).toEqual(['moscow'])
  })
})

describe('search: phrases', () => {
  it('matches only adjacent words within one paragraph', async () => {
    // Not dushanbe (across paragraphs), not sochi (apart in one paragraph).
    expect(await found('"border security"')).toEqual(['ufa'])
    expect(await paragraphs('"border security"')).toEqual(['ufa:0', 'ufa:1'])
    expect(await found('"security border"')).toEqual([])
  })

  it('matches a hyphenated word as its parts side by side', async () => {
    expect(await paragraphs('counter-terrorism')).toEqual(['dushanbe:1'])
  })

  it('matches Chinese words written together, and words apart only when apart', async () => {
    expect(await paragraphs('上海合作组织')).toEqual(['qingdao:0', 'qingdao:1'])
    expect(await paragraphs('安全')).toEqual(['qingdao:2'])
    expect(await found('"上海 合作"')).toEqual([])
    expect(await found('"加强 安全"')).toEqual([])
  })

  // A one-character run before another word must end where it is, as "加强 安全" must: the
  // query does not find the characters written together ("强安全").
  it('matches a one-character Chinese word before another word only when apart', async () => {
    expect(await found('"强 安全"')).toEqual([])
  })
})

describe('search: titles and paragraphs', () => {
  it('finds a word in the title, and shows the title for it', async () => {
    const hits = hitsOf(await run('Sochi'))
    expect(hits.map((h) => [h.doc.releaseId, h.paragraph])).toEqual([['sochi', 0]])
  })

  it('shows the paragraph with the most matched words in release results', async () => {
    const hits = hitsOf(await run('security discussed'))
    // dushanbe has one word in each of its paragraphs: the first of them is shown.
    expect(hits.map((h) => [h.doc.releaseId, h.paragraph]).sort()).toEqual([
      ['dushanbe', 1],
      ['sochi', 1],
      ['ufa', 1],
    ])
  })

  it('gives one hit per matching paragraph in paragraph results', async () => {
    expect(await paragraphs('security')).toEqual([
      'dushanbe:2',
      'sochi:0',
      'sochi:1',
      'ufa:0',
      'ufa:1',
    ])
    const outcome = await run('security', 'paragraph')
    expect(outcome.ok && outcome.releaseCount).toBe(3)
  })

  it('needs all the words in one paragraph in paragraph results', async () => {
    expect(await paragraphs('border security')).toEqual(['sochi:1', 'ufa:0', 'ufa:1'])
    expect(await paragraphs('trade energy')).toEqual(['ufa:2'])
  })
})

describe('search: conditions', () => {
  it('filters by type and language', async () => {
    expect(await found('type:statement')).toEqual(['astana'])
    expect(await found('type:"press release"')).toEqual(['dushanbe', 'sochi'])
    expect(await found('lang:ru')).toEqual(['moscow'])
    expect(await found('lang:Chinese')).toEqual(['qingdao'])
  })

  it('filters by organisation, country and person, by whole words', async () => {
    expect(await found('org:SCO')).toEqual(['dushanbe'])
    expect(await found('org:"united nations"')).toEqual(['astana', 'sochi'])
    expect(await found('org:上海合作组织')).toEqual(['qingdao'])
    expect(await found('country:Russia')).toEqual(['dushanbe', 'sochi', 'ufa'])
    expect(await found('country:россия')).toEqual(['moscow'])
    expect(await found('country:Rus')).toEqual([])
    expect(await found('person:Putin')).toEqual(['dushanbe'])
    expect(await found('person:"Владимир Путин"')).toEqual(['moscow'])
  })

  // Every place the value occurs in the field is tested for word boundaries, not the first.
  it('finds an organisation by an abbreviation that comes after a word containing it', async () => {
    expect(await found('org:UN')).toEqual(['astana'])
  })

  it('filters by place, a whole word of it matching', async () => {
    expect(await found('place:Astana')).toEqual(['astana'])
    expect(await found('place:kazakhstan')).toEqual(['astana'])
    expect(await found('place:Asta')).toEqual([])
  })

  it('filters by year and date range, a release dated by year counting by its start', async () => {
    expect(await found('year:2017')).toEqual(['astana', 'moscow'])
    expect(await ranked('date:2014-01..2017-06')).toEqual(['astana', 'moscow', 'ufa', 'dushanbe'])
    expect(await found('date:2017-02..2017-12')).toEqual(['astana'])
    expect(await found('date:..2014')).toEqual(['dushanbe'])
  })

  it('filters by tag, and refuses a tag that does not exist', async () => {
    expect(await found('tag:Topics/Security')).toEqual(['sochi', 'ufa'])
    expect(await found('border tag:Topics/Security -Sochi')).toEqual(['ufa'])
    expect(await run('border tag:Nowhere')).toEqual({
      ok: false,
      message: 'There is no tag “Nowhere”.',
    })
  })

  it('combines words, conditions and exclusions', async () => {
    expect(await found('security country:Russia -type:speech')).toEqual(['dushanbe', 'sochi'])
    expect(await found('terrorism OR lang:zh')).toEqual(['astana', 'dushanbe', 'qingdao', 'sochi'])
  })
})

describe('search: ranking', () => {
  it('puts the release with the word in its title and more often first', async () => {
    const hits = hitsOf(await run('terrorism'))
    expect(hits[0]!.doc.releaseId).toBe('astana')
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score)
    expect(hits[1]!.score).toBeGreaterThan(0)
  })

  it('lists the releases of a conditions-only query newest first, scored 0', async () => {
    const hits = hitsOf(await run('country:Russia'))
    expect(hits.map((h) => h.doc.releaseId)).toEqual(['sochi', 'ufa', 'dushanbe'])
    expect(hits.map((h) => h.score)).toEqual([0, 0, 0])
  })

  it('gives nothing for an empty query', async () => {
    expect(hitsOf(await run(''))).toEqual([])
  })
})

describe('search: where the postings are stored', () => {
  it('finds the same hits, in the same order, when every term has rows of its own', async () => {
    const own = memorySource(RELEASES, 2, TAGS, 1)
    const queries = [
      'terrorism',
      'terrorism border',
      '"border security"',
      '上海合作组织',
      'terrorism -border',
      'secur*',
    ]
    for (const text of queries) {
      for (const mode of ['release', 'paragraph'] as const) {
        const parsed = parseQuery(text)
        if (!parsed.ok) throw new Error(parsed.message)
        const shown = async (from: typeof source) =>
          hitsOf(await search(from, parsed.root, { mode, ignoreDiacritics: true })).map(
            (h) => `${h.doc.releaseId}:${h.paragraph}:${h.score.toFixed(6)}`,
          )
        const expected = await shown(source)
        expect(expected.length, `${text} ${mode}`).toBeGreaterThan(0)
        expect(await shown(own), `${text} ${mode}`).toEqual(expected)
      }
    }
  })
})

describe('searchSimilar', () => {
  const partsOf = (id: string) => {
    const release = RELEASES.find((r) => r.releaseId === id)!
    return [release.title, ...release.paragraphs]
  }
  const similar = async (id: string) =>
    hitsOf(
      await searchSimilar(source, partsOf(id), { mode: 'release', ignoreDiacritics: true }, id),
    ).map((h) => h.doc.releaseId)

  it('finds releases sharing words with the source, never the source itself', async () => {
    const ids = await similar('ufa')
    expect(ids).not.toContain('ufa')
    expect(ids[0]).toBe('sochi')
    expect(ids).toContain('dushanbe')
    expect(ids).not.toContain('moscow')
    expect(ids).not.toContain('qingdao')
  })

  it('finds nothing through words no other release has', async () => {
    expect(await similar('qingdao')).toEqual([])
    expect(await similar('moscow')).toEqual([])
  })
})

describe('withPairs', () => {
  const plan = (words: string[]) =>
    withPairs(
      words.map((_, offset) => ({ offset, paired: false, single: false })),
      words.map((w) => [w]),
    ).map((e) => `${e.terms.join('|')}@${e.offset}`)

  it('reads a common word as the pair with the word after it', () => {
    expect(plan(['regional', 'peace', 'and', 'security'])).toEqual([
      'peace and@1',
      'and security@2',
      'regional@0',
    ])
    expect(plan(['international', 'cooperation', 'and', 'security'])).toEqual([
      'international cooperation@0',
      'and security@2',
    ])
    expect(plan(['the', 'united', 'nations'])).toEqual(['the united@0', 'united nations@1'])
    expect(plan(['the', 'shanghai', 'spirit'])).toEqual(['the shanghai@0', 'spirit@2'])
    expect(plan(['of', 'the', 'un'])).toEqual(['of the@0', 'the un@1'])
  })

  it('reads words on their own where no pair covers them', () => {
    expect(plan(['and'])).toEqual(['and@0'])
    expect(plan(['cooperation', 'and'])).toEqual(['cooperation@0', 'and@1'])
    expect(plan(['central', 'coordinating', 'role'])).toEqual([
      'central@0',
      'coordinating@1',
      'role@2',
    ])
    // Chinese pairs are never paired again.
    expect(
      withPairs(
        [
          { offset: 0, paired: false, single: false },
          { offset: 1, paired: true, single: false },
        ],
        [['the'], ['上海']],
      ).map((e) => e.terms[0]),
    ).toEqual(['the', '上海'])
  })

  it('pairs every form of two tokens, or none when one of the pairs is not indexed', () => {
    const token = { paired: false, single: false }
    expect(
      withPairs(
        [
          { offset: 0, ...token },
          { offset: 1, ...token },
        ],
        [['the'], ['etude', 'étude']],
      ),
    ).toEqual([{ terms: ['the etude', 'the étude'], offset: 0 }])
    expect(
      withPairs(
        [
          { offset: 0, ...token },
          { offset: 1, ...token },
        ],
        [['the', 'thé'], ['etude']],
      ).map((e) => e.terms),
    ).toEqual([['the', 'thé'], ['etude']])
  })
})
