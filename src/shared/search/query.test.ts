import { describe, expect, it } from 'vitest'
import { addCondition, formatQuery, parseQuery, removeCondition, type QueryNode } from './query'

const word = (text: string): QueryNode => ({ kind: 'word', text, prefix: false, exact: false })
const exact = (text: string): QueryNode => ({ kind: 'word', text, prefix: false, exact: true })
const prefix = (text: string): QueryNode => ({ kind: 'word', text, prefix: true, exact: false })
const phrase = (text: string): QueryNode => ({ kind: 'phrase', text })
const and = (...children: QueryNode[]): QueryNode => ({ kind: 'and', children })
const or = (...children: QueryNode[]): QueryNode => ({ kind: 'or', children })
const not = (child: QueryNode): QueryNode => ({ kind: 'not', child })

/** The tree of a query that must parse. */
function tree(input: string): QueryNode | null {
  const parsed = parseQuery(input)
  if (!parsed.ok) throw new Error(`${input} was refused: ${parsed.message}`)
  return parsed.root
}

describe('parseQuery: words, phrases and operators', () => {
  it.each<[string, QueryNode | null]>([
    ['', null],
    ['   ', null],
    ['terrorism', word('terrorism')],
    ['central role', and(word('central'), word('role'))],
    ['Central  ROLE', and(word('Central'), word('ROLE'))],
    ['"joint statement"', phrase('joint statement')],
    ['"  joint  statement "', phrase('joint  statement')],
    ['"member"', exact('member')],
    ['""', null],
    ['a "" b', and(word('a'), word('b'))],
    ['" "', null],
    ['“joint statement”', phrase('joint statement')],
    ['«совместное заявление»', phrase('совместное заявление')],
    ['「上海 合作」', phrase('上海 合作')],
    ['“say "no" twice”', phrase('say "no" twice')],
    ['terrorism OR extremism', or(word('terrorism'), word('extremism'))],
    ['terrorism or extremism', and(word('terrorism'), word('or'), word('extremism'))],
    ['a b OR c', or(and(word('a'), word('b')), word('c'))],
    ['a OR b c', or(word('a'), and(word('b'), word('c')))],
    ['a OR b OR c', or(word('a'), word('b'), word('c'))],
    [
      '(terrorism OR extremism) -sanctions',
      and(or(word('terrorism'), word('extremism')), not(word('sanctions'))),
    ],
    ['a (b OR (c d))', and(word('a'), or(word('b'), and(word('c'), word('d'))))],
    ['((a b) c) OR (d OR e)', or(and(word('a'), word('b'), word('c')), word('d'), word('e'))],
    ['(a)', word('a')],
    ['()', null],
    ['a () b', and(word('a'), word('b'))],
    ['(a OR b)(c)', and(or(word('a'), word('b')), word('c'))],
    ['x OR(y)', or(word('x'), word('y'))],
  ])('%j', (input, expected) => {
    expect(parseQuery(input)).toEqual({ ok: true, root: expected })
  })

  it('separates words at any whitespace, the ideographic space included', () => {
    expect(tree('a\tb\nc\u3000d\u00a0e')).toEqual(
      and(word('a'), word('b'), word('c'), word('d'), word('e')),
    )
    expect(tree('"a\u3000b"')).toEqual(phrase('a\u3000b'))
  })

  it('reads Russian and Chinese as typed', () => {
    expect(tree('терроризм Экстремизм')).toEqual(and(word('терроризм'), word('Экстремизм')))
    expect(tree('"上海合作组织"')).toEqual(exact('上海合作组织'))
    expect(tree('上海合作组织 OR 「恐怖主义」')).toEqual(
      or(word('上海合作组织'), exact('恐怖主义')),
    )
    expect(tree('"Шанхайская организация"')).toEqual(phrase('Шанхайская организация'))
  })

  it('keeps a minus inside a word as part of it', () => {
    expect(tree('counter-terrorism')).toEqual(word('counter-terrorism'))
    expect(tree('post- war')).toEqual(and(word('post-'), word('war')))
    expect(tree('-counter-terrorism')).toEqual(not(word('counter-terrorism')))
  })

  it('excludes a word, phrase, field or group with a leading minus', () => {
    expect(tree('-sanctions')).toEqual(not(word('sanctions')))
    expect(tree('a -"joint statement"')).toEqual(and(word('a'), not(phrase('joint statement'))))
    expect(tree('-tag:Draft')).toEqual(not({ kind: 'field', field: 'tag', value: 'Draft' }))
    expect(tree('-tag:"Threats/Terrorism"')).toEqual(
      not({ kind: 'field', field: 'tag', value: 'Threats/Terrorism' }),
    )
    expect(tree('x -(a OR b)')).toEqual(and(word('x'), not(or(word('a'), word('b')))))
    expect(tree('-(-a)')).toEqual(not(not(word('a'))))
    expect(tree('-OR')).toEqual(not(word('OR')))
  })

  it('counts repeated minus signs once and ignores a lone one', () => {
    expect(tree('--sanctions')).toEqual(not(word('sanctions')))
    expect(tree('a - b')).toEqual(and(word('a'), word('b')))
    expect(tree('-')).toBeNull()
    expect(tree('(a -)')).toEqual(word('a'))
    expect(tree('-""')).toBeNull()
  })

  it('allows a query of exclusions only', () => {
    expect(tree('-a -b')).toEqual(and(not(word('a')), not(word('b'))))
  })

  it('reads an unclosed quote as running to the end', () => {
    expect(tree('a "joint state')).toEqual(and(word('a'), phrase('joint state')))
    expect(tree('a "joint')).toEqual(and(word('a'), exact('joint')))
    expect(tree('a "')).toEqual(word('a'))
    expect(tree('«a (b) OR')).toEqual(phrase('a (b) OR'))
  })

  it('reads an unclosed bracket as closed at the end', () => {
    expect(tree('(a OR b')).toEqual(or(word('a'), word('b')))
    expect(tree('x ((a OR b) c')).toEqual(and(word('x'), or(word('a'), word('b')), word('c')))
  })

  it('makes a word ending in * a prefix', () => {
    expect(tree('terror*')).toEqual(prefix('terror'))
    expect(tree('терр*')).toEqual(prefix('терр'))
    expect(tree('-terror**')).toEqual(not(prefix('terror')))
    expect(tree('a*b')).toEqual(word('a*b'))
    expect(tree('"terror*"')).toEqual(exact('terror*'))
    expect(tree('𠀀𠀁*')).toEqual(prefix('𠀀𠀁'))
  })
})

describe('parseQuery: fields', () => {
  it.each<[string, QueryNode]>([
    ['tag:"Threats/Terrorism"', { kind: 'field', field: 'tag', value: 'Threats/Terrorism' }],
    ['tag:Threats/Terrorism', { kind: 'field', field: 'tag', value: 'Threats/Terrorism' }],
    ['tag:«Угрозы/Терроризм»', { kind: 'field', field: 'tag', value: 'Угрозы/Терроризм' }],
    ['type:declaration', { kind: 'field', field: 'type', value: 'declaration' }],
    ['org:SCO', { kind: 'field', field: 'org', value: 'SCO' }],
    ['country:China', { kind: 'field', field: 'country', value: 'China' }],
    ['country:"South Africa"', { kind: 'field', field: 'country', value: 'South Africa' }],
    ['place:Astana', { kind: 'field', field: 'place', value: 'Astana' }],
    ['person:Putin', { kind: 'field', field: 'person', value: 'Putin' }],
    ['org:上海合作组织', { kind: 'field', field: 'org', value: '上海合作组织' }],
    ['Tag:x', { kind: 'field', field: 'tag', value: 'x' }],
    ['ORG:SCO', { kind: 'field', field: 'org', value: 'SCO' }],
    ['lang:ru', { kind: 'field', field: 'lang', value: 'ru' }],
    ['lang:ZH', { kind: 'field', field: 'lang', value: 'zh' }],
    ['lang:English', { kind: 'field', field: 'lang', value: 'en' }],
    ['lang:russian', { kind: 'field', field: 'lang', value: 'ru' }],
    ['lang:Chinese', { kind: 'field', field: 'lang', value: 'zh' }],
    ['has:annotation', { kind: 'has', what: 'annotation' }],
    ['has:annotations', { kind: 'has', what: 'annotation' }],
    ['has:note', { kind: 'has', what: 'note' }],
    ['HAS:Notes', { kind: 'has', what: 'note' }],
  ])('%j', (input, expected) => {
    expect(parseQuery(input)).toEqual({ ok: true, root: expected })
  })

  it.each<[string, string | null, string | null]>([
    ['year:2017', '2017-01-01', '2017-12-31'],
    ['year:2014..2017', '2014-01-01', '2017-12-31'],
    ['year:2014..', '2014-01-01', null],
    ['year:..2017', null, '2017-12-31'],
    ['year:"2017"', '2017-01-01', '2017-12-31'],
    ['year:2017..2017', '2017-01-01', '2017-12-31'],
  ])('%j is a year range', (input, from, to) => {
    const text = input.slice(5).replaceAll('"', '')
    expect(tree(input)).toEqual({ kind: 'dates', field: 'year', from, to, text })
  })

  it.each<[string, string | null, string | null]>([
    ['date:2017', '2017-01-01', '2017-12-31'],
    ['date:2017-06', '2017-06-01', '2017-06-30'],
    ['date:2017-06-09', '2017-06-09', '2017-06-09'],
    ['date:2014-01..2017-06', '2014-01-01', '2017-06-30'],
    ['date:2016-02', '2016-02-01', '2016-02-29'],
    ['date:2017-02', '2017-02-01', '2017-02-28'],
    ['date:2000-02', '2000-02-01', '2000-02-29'],
    ['date:1900-02', '1900-02-01', '1900-02-28'],
    ['date:2016-02-29', '2016-02-29', '2016-02-29'],
    ['date:2017-06-15..2017-06', '2017-06-15', '2017-06-30'],
    ['date:2017..2017-03', '2017-01-01', '2017-03-31'],
    ['date:2014-01..', '2014-01-01', null],
    ['date:..2017-06-09', null, '2017-06-09'],
  ])('%j is a date range', (input, from, to) => {
    expect(tree(input)).toEqual({ kind: 'dates', field: 'date', from, to, text: input.slice(5) })
  })

  it('reads a name that is not a field as part of a word', () => {
    expect(tree('foo:bar')).toEqual(word('foo:bar'))
    expect(tree('at 10:30 URL:')).toEqual(and(word('at'), word('10:30'), word('URL:')))
    expect(tree('tags:x')).toEqual(word('tags:x'))
    expect(tree('xtag:y')).toEqual(word('xtag:y'))
  })

  it('combines fields with words and operators', () => {
    expect(tree('terrorism -tag:Draft year:2014..2017 (org:SCO OR org:BRICS)')).toEqual(
      and(
        word('terrorism'),
        not({ kind: 'field', field: 'tag', value: 'Draft' }),
        { kind: 'dates', field: 'year', from: '2014-01-01', to: '2017-12-31', text: '2014..2017' },
        or(
          { kind: 'field', field: 'org', value: 'SCO' },
          { kind: 'field', field: 'org', value: 'BRICS' },
        ),
      ),
    )
    expect(tree('(tag:a)')).toEqual({ kind: 'field', field: 'tag', value: 'a' })
    expect(tree('tag:"a (b)" c')).toEqual(
      and({ kind: 'field', field: 'tag', value: 'a (b)' }, word('c')),
    )
  })

  it('reads an unclosed quoted value as running to the end', () => {
    expect(tree('a tag:"Threats/Terr')).toEqual(
      and(word('a'), { kind: 'field', field: 'tag', value: 'Threats/Terr' }),
    )
  })
})

describe('parseQuery: what it refuses', () => {
  const MISSING_OR_SIDE = '“OR” needs a word on each side'
  const NOT_A_DATE = 'is not a date: use YYYY, YYYY-MM or YYYY-MM-DD'
  it.each<[string, string, number]>([
    ['a)', 'There is a “)” without a “(”', 1],
    ['(a)) b', 'There is a “)” without a “(”', 3],
    [')', 'There is a “)” without a “(”', 0],
    ['OR terrorism', MISSING_OR_SIDE, 0],
    ['terrorism OR', MISSING_OR_SIDE, 10],
    ['a OR OR b', MISSING_OR_SIDE, 2],
    ['(a OR) b', MISSING_OR_SIDE, 3],
    ['a OR -', MISSING_OR_SIDE, 2],
    ['a OR ""', MISSING_OR_SIDE, 2],
    ['OR', MISSING_OR_SIDE, 0],
    ['*', 'Add at least two letters before *', 0],
    ['a t*', 'Add at least two letters before *', 2],
    ['-t*', 'Add at least two letters before *', 1],
    ['𠀀*', 'Add at least two letters before *', 0],
    ['tag:', 'Give a value after tag:', 0],
    ['a -TAG: b', 'Give a value after tag:', 3],
    ['tag:""', 'Give a value after tag:', 0],
    ['year:', 'Give a value after year:', 0],
    ['date:2017-13', `“2017-13” ${NOT_A_DATE}`, 5],
    ['date:2017-02-30', `“2017-02-30” ${NOT_A_DATE}`, 5],
    ['date:2017-02-29', `“2017-02-29” ${NOT_A_DATE}`, 5],
    ['date:2017-00', `“2017-00” ${NOT_A_DATE}`, 5],
    ['date:2017-6', `“2017-6” ${NOT_A_DATE}`, 5],
    ['date:yesterday', `“yesterday” ${NOT_A_DATE}`, 5],
    ['date:2014..2017-13', `“2017-13” ${NOT_A_DATE}`, 11],
    ['date:2014...2017', `“.2017” ${NOT_A_DATE}`, 11],
    ['year:soon', '“soon” is not a year: use YYYY or a range such as 2014..2017', 5],
    ['year:2017-06', '“2017-06” is not a year: use YYYY or a range such as 2014..2017', 5],
    ['year:17', '“17” is not a year: use YYYY or a range such as 2014..2017', 5],
    ['year:2018..2014', 'The range 2018..2014 ends before it starts', 5],
    ['date:2017-06-10..2017-06-09', 'The range 2017-06-10..2017-06-09 ends before it starts', 5],
    ['year:..', 'Give a year on at least one side of ..', 5],
    [
      'has:tags',
      'has: can find annotations or notes, not “tags”: use has:annotation or has:note',
      4,
    ],
    ['lang:klingon', '“klingon” is not a language: use a two-letter code such as en, ru or zh', 5],
    ['lang:"r u"', '“r u” is not a language: use a two-letter code such as en, ru or zh', 6],
  ])('%j', (input, message, at) => {
    expect(parseQuery(input)).toEqual({ ok: false, message, at })
  })

  it('reports the first problem from the left', () => {
    expect(parseQuery('OR a*')).toEqual({
      ok: false,
      message: '“OR” needs a word on each side',
      at: 0,
    })
    expect(parseQuery('a* OR')).toEqual({
      ok: false,
      message: 'Add at least two letters before *',
      at: 0,
    })
  })

  it('refuses brackets nested past a hundred levels instead of overflowing the stack', () => {
    expect(tree(`${'('.repeat(100)}a${')'.repeat(100)}`)).toEqual(word('a'))
    expect(parseQuery('('.repeat(100_000))).toEqual({
      ok: false,
      message: 'Brackets go more than 100 deep: use fewer',
      at: 100,
    })
  })
})

describe('formatQuery', () => {
  it.each<[string, string]>([
    ['', ''],
    ['central  role', 'central role'],
    ['a b OR c', 'a b OR c'],
    ['(a OR b) c', '(a OR b) c'],
    ['((a b) c)', 'a b c'],
    ['-(a OR b) -(-c)', '-(a OR b) -(-c)'],
    ['--x -"joint statement"', '-x -"joint statement"'],
    ['“member”', '"member"'],
    ['“say "no" twice”', '“say "no" twice”'],
    ['terror* TAG:«Threats/Terrorism»', 'terror* tag:Threats/Terrorism'],
    ['country:"South Africa"', 'country:"South Africa"'],
    ['lang:Russian has:notes', 'lang:ru has:note'],
    ['Year:2014..', 'year:2014..'],
    ['(a OR "b', 'a OR "b"'],
  ])('%j → %j', (input, expected) => {
    expect(formatQuery(tree(input))).toBe(expected)
  })

  it('quotes a value with quote marks of a kind it does not contain', () => {
    const root: QueryNode = { kind: 'field', field: 'tag', value: 'say "no"' }
    expect(formatQuery(root)).toBe('tag:“say "no"”')
    expect(tree(formatQuery(root))).toEqual(root)
  })
})

describe('parseQuery on random input', () => {
  /** A small seeded generator (mulberry32), so a failure reproduces. */
  function random(seed: number): () => number {
    let state = seed
    return () => {
      state = (state + 0x6d2b79f5) | 0
      let t = Math.imul(state ^ (state >>> 15), 1 | state)
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
  }
  const pieces = [
    ...'"()-*: OR ab xyйж上“”«»「」\u3000\t',
    'OR',
    'OR',
    'tag:',
    'year:',
    'date:',
    'has:',
    'lang:',
    '2014',
    '2017-02',
    '..',
    'note',
    'ru',
    'word',
  ]

  it('never throws, and what it accepts formats back to the same tree', () => {
    const next = random(20170609)
    let accepted = 0
    for (let n = 0; n < 600; n++) {
      const length = Math.floor(next() * 16)
      let input = ''
      for (let k = 0; k < length; k++) input += pieces[Math.floor(next() * pieces.length)]
      const parsed = parseQuery(input)
      expect(typeof parsed.ok, input).toBe('boolean')
      if (!parsed.ok) {
        expect(parsed.at, input).toBeGreaterThanOrEqual(0)
        expect(parsed.at, input).toBeLessThanOrEqual(input.length)
        continue
      }
      accepted++
      const text = formatQuery(parsed.root)
      expect(parseQuery(text), `${input} → ${text}`).toEqual(parsed)
    }
    // The property means little if nearly every string is refused.
    expect(accepted).toBeGreaterThan(150)
  })
})

describe('addCondition', () => {
  it.each<[string, Parameters<typeof addCondition>[1], string, string]>([
    ['terrorism', 'year', '2017', 'terrorism year:2017'],
    ['terrorism year:2014..2016', 'year', '2017', 'terrorism year:2017'],
    ['year:2015 terrorism -year:2016', 'year', '2017', 'terrorism year:2017'],
    ['a date:2014-01 b', 'date', '2017-06', 'a b date:2017-06'],
    ['a year:2015', 'date', '2017-06', 'a year:2015 date:2017-06'],
    ['x', 'tag', 'Threats/Terrorism', 'x tag:Threats/Terrorism'],
    ['x', 'country', 'South Africa', 'x country:"South Africa"'],
    ['x', 'tag', 'a (b)', 'x tag:"a (b)"'],
    ['x', 'tag', 'say "no"', 'x tag:“say "no"”'],
    ['', 'org', 'SCO', 'org:SCO'],
    ['  ', 'org', 'SCO', 'org:SCO'],
    ['x  ', 'org', 'SCO', 'x org:SCO'],
    ['  x', 'org', 'SCO', '  x org:SCO'],
    ['Central  role', 'has', 'note', 'Central  role has:note'],
    ['x org:SCO', 'org', 'SCO', 'x org:SCO'],
    ['x -org:SCO', 'org', 'SCO', 'x -org:SCO org:SCO'],
    ['x lang:Russian', 'lang', 'ru', 'x lang:Russian'],
    ['x', 'org', '  ', 'x'],
    // The condition applies to the whole query, not to the last OR operand or an open phrase.
    ['a OR b', 'tag', 'x', '(a OR b) tag:x'],
    ['a OR b org:SCO', 'org', 'SCO', '(a OR b org:SCO) org:SCO'],
    ['(a OR b) c', 'tag', 'x', '(a OR b) c tag:x'],
    ['a "joint state', 'tag', 'x', 'a "joint state" tag:x'],
    ['a «joint state ', 'tag', 'x', 'a «joint state» tag:x'],
    ['(a OR (b c', 'tag', 'x', '(a OR (b c)) tag:x'],
  ])('%j + %s:%s → %j', (input, field, value, expected) => {
    expect(addCondition(input, field, value)).toBe(expected)
  })

  it('gives text that parses to the query and the condition', () => {
    expect(tree(addCondition('a b OR c', 'year', '2017'))).toEqual(
      and(or(and(word('a'), word('b')), word('c')), {
        kind: 'dates',
        field: 'year',
        from: '2017-01-01',
        to: '2017-12-31',
        text: '2017',
      }),
    )
  })
})

describe('removeCondition', () => {
  it.each<[string, Parameters<typeof removeCondition>[1], string | undefined, string]>([
    ['terrorism year:2017', 'year', undefined, 'terrorism'],
    ['terrorism year:2017', 'year', '2017', 'terrorism'],
    ['terrorism year:"2017"', 'year', '2017', 'terrorism'],
    ['terrorism year:2017', 'year', '2016', 'terrorism year:2017'],
    ['terrorism year:2017', 'date', undefined, 'terrorism year:2017'],
    ['a tag:x b TAG:y c', 'tag', undefined, 'a b c'],
    ['a tag:x b tag:y c', 'tag', 'y', 'a tag:x b c'],
    ['a -tag:"Threats/Terrorism" b', 'tag', 'Threats/Terrorism', 'a b'],
    ['a tag:Threats/terrorism', 'tag', 'Threats/Terrorism', 'a tag:Threats/terrorism'],
    ['tag:x a', 'tag', 'x', 'a'],
    ['a\u3000tag:x\u3000b', 'tag', 'x', 'a\u3000b'],
    ['a lang:Russian', 'lang', 'ru', 'a'],
    ['a has:notes', 'has', 'note', 'a'],
    ['a date:2017-13', 'date', undefined, 'a'],
    ['a tag:x', 'tag', 'x y', 'a tag:x'],
    ['a "tag:x"', 'tag', undefined, 'a "tag:x"'],
    // What the removal would leave meaningless goes with it.
    ['a OR tag:x', 'tag', 'x', 'a'],
    ['tag:x OR a', 'tag', 'x', 'a'],
    ['a OR tag:x OR b', 'tag', 'x', 'a OR b'],
    ['a OR tag:x OR tag:y OR b', 'tag', undefined, 'a OR b'],
    ['a OR tag:x b', 'tag', 'x', 'a OR b'],
    ['-(tag:x OR tag:y) c', 'tag', undefined, 'c'],
    ['c (tag:x)', 'tag', undefined, 'c'],
    ['a OR (tag:x OR -tag:y) OR b', 'tag', undefined, 'a OR b'],
    ['(a tag:x) OR b', 'tag', undefined, '(a) OR b'],
    ['a(tag:x)b', 'tag', undefined, 'a b'],
    ['(tag:x', 'tag', undefined, ''],
    ['tag:x', 'tag', undefined, ''],
    // The user's own mistakes stay for them to see.
    ['OR a tag:x', 'tag', undefined, 'OR a'],
    ['a ) tag:x', 'tag', undefined, 'a )'],
  ])('%j − %s:%s → %j', (input, field, value, expected) => {
    expect(removeCondition(input, field, value)).toBe(expected)
  })

  it('undoes addCondition', () => {
    const added = addCondition('terrorism -"joint statement"', 'tag', 'Threats/Terrorism')
    expect(removeCondition(added, 'tag', 'Threats/Terrorism')).toBe('terrorism -"joint statement"')
  })
})
