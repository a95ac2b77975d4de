import { describe, expect, it } from 'vitest'
import { foldWord, stripDiacritics } from './fold'

/** Cyrillic letters written as escapes, so a reader can tell them from their Latin look-alikes. */
const CYRILLIC_EM = '\u041c' // М
const CYRILLIC_ES = '\u0441' // с

describe('foldWord: NFKC', () => {
  it('turns full-width letters into plain ones', () => {
    expect(foldWord('ＳＣＯ')).toBe('sco')
    expect(foldWord('２０１７')).toBe('2017')
  })

  it('opens ligatures and superscripts', () => {
    expect(foldWord('ﬁnance')).toBe('finance')
    expect(foldWord('ﬂow')).toBe('flow')
    expect(foldWord('km²')).toBe('km2')
  })
})

describe('foldWord: case', () => {
  it('lowers Latin, Cyrillic and Greek capitals', () => {
    expect(foldWord('TERRORISM')).toBe('terrorism')
    expect(foldWord('Shanghai')).toBe('shanghai')
    expect(foldWord('МОСКВА')).toBe('москва')
    expect(foldWord('ΑΘΗΝΑ')).toBe('αθηνα')
  })

  it('is locale-independent: a capital I is i, not a dotless ı', () => {
    expect(foldWord('INDIA')).toBe('india')
    expect(foldWord('ISTANBUL')).not.toContain('ı')
  })
})

describe('foldWord: look-alike letters', () => {
  it('reads an English word with a Cyrillic М as the English word', () => {
    const word = `${CYRILLIC_EM}ember`
    expect(word).not.toBe('Member')
    expect(foldWord(word)).toBe('member')
    expect(foldWord(word)).toBe(foldWord('Member'))
  })

  it('reads an English word with a Cyrillic а inside as the English word', () => {
    expect(foldWord('Afgh\u0430nistan')).toBe('afghanistan')
    expect(foldWord('Sh\u0430nghai')).toBe('shanghai')
  })

  it('reads a Russian word with a Latin C as the Russian word, in Cyrillic', () => {
    const folded = foldWord('Cовета')
    expect(folded).toBe(`${CYRILLIC_ES}овета`)
    expect(folded).toBe(foldWord('Совета'))
    expect(/[a-z]/.test(folded)).toBe(false)
  })

  it('reads an English word with a Greek Α as the English word', () => {
    expect(foldWord('\u0391fghan')).toBe('afghan')
  })

  it('leaves words of one script alone', () => {
    expect(foldWord('Совет')).toBe('совет')
    expect(foldWord('Council')).toBe('council')
  })
})

describe('foldWord: ё', () => {
  it('writes ё and Ё as е', () => {
    expect(foldWord('ещё')).toBe('еще')
    expect(foldWord('Ёлка')).toBe('елка')
    expect(foldWord('ВСЁ')).toBe('все')
  })

  it('keeps й', () => {
    expect(foldWord('Йемен')).toBe('йемен')
  })

  it('keeps diacritics: removing them is a separate step', () => {
    expect(foldWord('São')).toBe('são')
    expect(foldWord('Ωμέγα')).toBe('ωμέγα')
  })
})

describe('stripDiacritics', () => {
  it('removes the marks of Latin letters', () => {
    expect(stripDiacritics('são')).toBe('sao')
    expect(stripDiacritics('café')).toBe('cafe')
    expect(stripDiacritics('türkiye')).toBe('turkiye')
    expect(stripDiacritics('việt')).toBe('viet')
  })

  it('removes a combining mark typed after a Latin letter', () => {
    expect(stripDiacritics('cafe\u0301')).toBe('cafe')
  })

  it('removes the Greek tonos and breathings', () => {
    expect(stripDiacritics('ωμέγα')).toBe('ωμεγα')
    expect(stripDiacritics('ά')).toBe('α')
    expect(stripDiacritics(foldWord('Ἀθῆναι'))).toBe('αθηναι')
  })

  it('keeps Cyrillic й: it is a letter of its own', () => {
    expect(stripDiacritics('йемен')).toBe('йемен')
    expect(stripDiacritics('район')).toBe('район')
    expect(stripDiacritics('район')).not.toBe('раион')
  })

  it('returns words without marks unchanged', () => {
    expect(stripDiacritics('terrorism')).toBe('terrorism')
    expect(stripDiacritics('上海')).toBe('上海')
    expect(stripDiacritics('2017')).toBe('2017')
  })
})
