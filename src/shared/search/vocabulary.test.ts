import { describe, expect, it } from 'vitest'
import { Vocabulary, stemOf, vocabularyChunk } from './vocabulary'

function vocabulary(...terms: string[]): Vocabulary {
  const v = new Vocabulary()
  v.addChunk(vocabularyChunk(terms))
  return v
}

describe('stemOf', () => {
  it('stems English words with the English stemmer', () => {
    expect(stemOf('organisations')).toBe('organis')
    expect(stemOf('organisation')).toBe(stemOf('organisations'))
    expect(stemOf('terrorism')).toBe('terror')
    expect(stemOf('borders')).toBe('border')
  })

  it('stems Russian words with the Russian stemmer', () => {
    expect(stemOf('терроризма')).toBe('терроризм')
    expect(stemOf('терроризмом')).toBe('терроризм')
    expect(stemOf('безопасности')).toBe(stemOf('безопасность'))
  })

  it('leaves numbers, Chinese and mixed letters and digits as they are', () => {
    expect(stemOf('2017')).toBe('2017')
    expect(stemOf('上海')).toBe('上海')
    expect(stemOf('g20s')).toBe('g20s')
  })
})

describe('vocabularyChunk', () => {
  it('stores the bare form and the stem only where they differ from the term', () => {
    expect(vocabularyChunk(['são', 'terrorism', 'sco', 'cafés'])).toEqual({
      terms: ['são', 'terrorism', 'sco', 'cafés'],
      bares: ['sao', '', '', 'cafes'],
      stems: ['', 'terror', '', 'cafe'],
    })
  })
})

describe('Vocabulary', () => {
  const v = vocabulary(
    'organisation',
    'organisations',
    'organised',
    'organ',
    'terror',
    'terrorism',
    'terrorist',
    'terrorists',
    'терроризма',
    'терроризмом',
    'терроризм',
    'террорист',
    'são',
    'sao',
    'sãos',
    'sanctions',
    'café',
    'cafés',
    'cafe',
    'ωμέγα',
  )

  it('counts each term once', () => {
    expect(v.size).toBe(20)
    v.addChunk(vocabularyChunk(['terror', 'organ']))
    expect(v.size).toBe(20)
    expect(v.has('terror')).toBe(true)
    expect(v.has('terro')).toBe(false)
  })

  it('sameWord: the word as written, or every spelling without diacritics', () => {
    expect(v.sameWord('são', false)).toEqual(['são'])
    expect(v.sameWord('sao', false)).toEqual(['sao'])
    expect(v.sameWord('são', true)).toEqual(['são', 'sao'])
    expect(v.sameWord('sao', true)).toEqual(['são', 'sao'])
    expect(v.sameWord('ωμεγα', true)).toEqual(['ωμέγα'])
    expect(v.sameWord('ωμεγα', false)).toEqual([])
    expect(v.sameWord('treaty', true)).toEqual([])
  })

  it('sameStem: the forms of an English word', () => {
    expect(v.sameStem('organisations', true)).toEqual([
      'organisation',
      'organisations',
      'organised',
    ])
    expect(v.sameStem('organisation', false)).toEqual([
      'organisation',
      'organisations',
      'organised',
    ])
    expect(v.sameStem('terrorism', true)).toEqual(['terror', 'terrorism'])
    expect(v.sameStem('terrorists', true)).toEqual(['terrorist', 'terrorists'])
  })

  it('sameStem: the forms of a Russian word', () => {
    expect(v.sameStem('терроризма', true)).toEqual(['терроризма', 'терроризмом', 'терроризм'])
    expect(v.sameStem('терроризмом', false)).toEqual(['терроризма', 'терроризмом', 'терроризм'])
    expect(v.sameStem('террористы', true)).toEqual(['террорист'])
  })

  it('sameStem: with diacritics matched, only the forms written with them', () => {
    expect(v.sameStem('cafés', true)).toEqual(['café', 'cafés', 'cafe'])
    expect(v.sameStem('cafés', false)).toEqual(['café', 'cafés'])
    expect(v.sameStem('cafe', false)).toEqual(['cafe'])
  })

  it('withPrefix: every term starting so, in order of their bare forms', () => {
    expect(v.withPrefix('terr', true)).toEqual(['terror', 'terrorism', 'terrorist', 'terrorists'])
    expect(v.withPrefix('террор', true)).toEqual([
      'терроризм',
      'терроризма',
      'терроризмом',
      'террорист',
    ])
    expect(v.withPrefix('treat', true)).toEqual([])
  })

  it('withPrefix: the shortest first when there are more than the limit', () => {
    expect(v.withPrefix('terr', true, 2)).toEqual(['terror', 'terrorism'])
    expect(v.withPrefix('organ', true, 3)).toEqual(['organ', 'organised', 'organisation'])
    expect(v.withPrefix('terr', true, 4)).toHaveLength(4)
  })

  it('withPrefix: diacritics ignored or matched', () => {
    expect(v.withPrefix('sa', true)).toEqual(['sanctions', 'são', 'sao', 'sãos'])
    expect(v.withPrefix('sa', false)).toEqual(['sanctions', 'sao'])
    expect(v.withPrefix('sã', false)).toEqual(['são', 'sãos'])
    expect(v.withPrefix('sã', true)).toEqual(['sanctions', 'são', 'sao', 'sãos'])
  })
})
