import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isoDateFromDeclared, splitFrontMatter } from './front-matter'

const corpus = join(__dirname, '../../../../shared/corpus')

describe('splitFrontMatter', () => {
  it('reads title, date and place from the corpus Markdown file', () => {
    const text = readFileSync(join(corpus, 'bad/markdown-front-matter.md'), 'utf8')
    const result = splitFrontMatter(text)
    expect(result.hadFrontMatter).toBe(true)
    expect(result.declared).toEqual({
      title: 'Joint Statement of the Foreign Ministers',
      date: '2019-06-14',
      place: 'Bishkek',
    })
    expect(result.body.startsWith('Resolution 409 (1977)')).toBe(true)
    expect(result.body).not.toContain('title:')
  })

  it('accepts CRLF line endings', () => {
    const result = splitFrontMatter(
      '---\r\nTitle: A statement\r\nDATE: 2020-01-02\r\n---\r\nBody\r\n',
    )
    expect(result).toEqual({
      declared: { title: 'A statement', date: '2020-01-02' },
      body: 'Body\r\n',
      hadFrontMatter: true,
    })
  })

  it('maps location, city and venue to place, and prefers place', () => {
    expect(splitFrontMatter('---\nLocation: Astana\n---\nx').declared.place).toBe('Astana')
    expect(splitFrontMatter('---\nvenue: Palais des Nations\n---\nx').declared.place).toBe(
      'Palais des Nations',
    )
    expect(splitFrontMatter('---\ncity: Tashkent\nplace: Samarkand\n---\nx').declared.place).toBe(
      'Samarkand',
    )
  })

  it('keeps the written day of a timestamp instead of shifting it to UTC', () => {
    const result = splitFrontMatter('---\ndate: 2019-06-14T23:30:00-05:00\n---\nx')
    expect(result.declared.date).toBe('2019-06-14')
  })

  it('reads an explicitly tagged YAML timestamp without a time zone shift', () => {
    const result = splitFrontMatter('---\ndate: !!timestamp 2019-06-14\n---\nx')
    expect(result.declared.date).toBe('2019-06-14')
  })

  it('ignores dates that are not ISO, and impossible ISO dates', () => {
    expect(splitFrontMatter('---\ndate: 14 June 2019\n---\nx').declared.date).toBeUndefined()
    expect(splitFrontMatter('---\ndate: 2019-02-30\n---\nx').declared.date).toBeUndefined()
    expect(splitFrontMatter('---\ndate: 2019\n---\nx').declared.date).toBe('2019')
    expect(splitFrontMatter('---\ndate: 2019-06\n---\nx').declared.date).toBe('2019-06')
  })

  it('treats malformed YAML as no front matter, without throwing', () => {
    const text = '---\ntitle: "unclosed\nplace: [Bishkek\n---\nBody'
    expect(splitFrontMatter(text)).toEqual({ declared: {}, body: text, hadFrontMatter: false })
  })

  it('treats a rule with prose under it as no front matter', () => {
    const text = '---\nJust a line of prose\n---\nBody'
    expect(splitFrontMatter(text).hadFrontMatter).toBe(false)
    expect(splitFrontMatter(text).body).toBe(text)
  })

  it('needs the opening line at the very start and a closing line', () => {
    expect(splitFrontMatter('\n---\ntitle: x\n---\n').hadFrontMatter).toBe(false)
    expect(splitFrontMatter('---\ntitle: x\nno closing line').hadFrontMatter).toBe(false)
    expect(splitFrontMatter('Plain text').body).toBe('Plain text')
  })

  it('ignores values that are not text', () => {
    const result = splitFrontMatter('---\ntitle: [a, b]\nplace: {x: 1}\n---\nBody')
    expect(result).toEqual({ declared: {}, body: 'Body', hadFrontMatter: true })
  })

  it('survives an alias bomb', () => {
    const bomb = [
      '---',
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'title: Bomb',
      '---',
      'Body',
    ].join('\n')
    const result = splitFrontMatter(bomb)
    expect(result.hadFrontMatter).toBe(false)
    expect(result.body).toBe(bomb)
  })
})

describe('isoDateFromDeclared', () => {
  it('keeps precision and rejects anything else', () => {
    expect(isoDateFromDeclared('2019-06-14T10:00:00Z')).toBe('2019-06-14')
    expect(isoDateFromDeclared(' 2024-02-29 ')).toBe('2024-02-29')
    expect(isoDateFromDeclared('2023-02-29')).toBeNull()
    expect(isoDateFromDeclared('2019-13')).toBeNull()
    expect(isoDateFromDeclared('June 2019')).toBeNull()
    expect(isoDateFromDeclared('0999')).toBeNull()
  })
})
