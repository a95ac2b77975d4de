import { describe, expect, it } from 'vitest'
import { fingerprint, SIGNATURE_SIZE } from './similarity'

// Fingerprints are stored in archives and recomputed by a migration, so their values must
// never change for the same text. These were computed by the first implementation.
describe('fingerprint values are fixed forever', () => {
  it('an English release', () => {
    const result = fingerprint('Joint Statement of the SCO Heads of State', [
      'The heads of delegations were received by President of the Republic of Kazakhstan Nursultan Nazarbayev.',
      'The participants confirmed the importance of a political settlement of the Ukraine crisis on the basis of implementation of the Minsk agreements of 12 February 2015.',
    ])
    expect(result.titleKey).toBe('joint statement of the sco heads of state')
    expect(result.shingleCount).toBe(38)
    expect(result.lsh).toEqual([
      '0.186vpow',
      '1.1wda7ne',
      '2.1rxhhdm',
      '3.1i9d7nl',
      '4.12h0ytj',
      '5.23i0xb',
      '6.1wgkb9r',
      '7.1qy0h1a',
      '8.dj55j8',
      '9.auelb1',
      'a.xc2fer',
      'b.3hzoov',
      'c.1934okv',
      'd.rbm96o',
      'e.10mf2pw',
      'f.f9y541',
    ])
    expect(result.signature).toEqual([
      71691463, 169363768, 260241448, 93599043, 178551198, 9176270, 111627144, 31486609, 270480376,
      71401694, 73352051, 13600630, 124711848, 166873921, 160271695, 146414707, 76352207, 166643094,
      48891479, 8323067, 77957884, 189384244, 246054959, 55735094, 137026307, 43544327, 33533866,
      161214499, 9005361, 28933961, 71754771, 56277276, 179492575, 68181666, 223270416, 38981,
      98405668, 171537259, 10663831, 153910864, 220434236, 137652062, 21899035, 209650320,
      268555570, 115296220, 310231, 142568061, 38710569, 80172112, 41211492, 16455667, 4618250,
      56246584, 72379531, 181673217, 65717785, 30074337, 1625336, 181155903, 13653307, 3713464,
      166012002, 92038493,
    ])
  })

  it('a Russian release', () => {
    const result = fingerprint('Заявление для прессы — ШОС 2017', [
      'Совет глав государств – членов Шанхайской организации сотрудничества провёл заседание в Астане 8–9 июня 2017 года.',
    ])
    expect(result.titleKey).toBe('заявление для прессы шос 2017')
    expect(result.shingleCount).toBe(13)
    expect(result.lsh).toEqual([
      '0.kz6sf7',
      '1.1awsk5p',
      '2.1ozemu5',
      '3.1eqf5kv',
      '4.14i83jt',
      '5.137eere',
      '6.tgxwvz',
      '7.xwmxxs',
      '8.16532iz',
      '9.jraz0l',
      'a.1srtyuk',
      'b.7dyh8w',
      'c.1umidbc',
      'd.1396qmw',
      'e.1rstbbb',
      'f.1a4clpr',
    ])
    expect(result.signature.slice(0, 4)).toEqual([232550842, 44777293, 1657733, 58880005])
  })

  it('Chinese text, with Latin words and digits run into Han characters, a CJK radical, an astral Han character, a dotted capital I and Greek capitals', () => {
    const result = fingerprint('政府工作报告', [
      '各位代表：现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。',
      '过去一年abc中文123、⺀部首 𠀀字 İstanbul ΟΔΟΣ',
    ])
    expect(result.titleKey).toBe('政府工作报告')
    expect(result.shingleCount).toBe(47)
    expect(result.lsh).toEqual([
      '0.oc4sqz',
      '1.1a6o5je',
      '2.mgoa7o',
      '3.18l5b1h',
      '4.1ms3ogr',
      '5.iw7bfj',
      '6.pbhpkx',
      '7.pkneun',
      '8.1x5l4p1',
      '9.10j7v8h',
      'a.bicm6',
      'b.g8l4c9',
      'c.49hmsq',
      'd.1jkjwiy',
      'e.31mpbi',
      'f.1w35wik',
    ])
    expect(result.signature.slice(0, 4)).toEqual([70521046, 78587271, 6851324, 16030210])
  })

  it('fewer words than a shingle make one shingle', () => {
    const result = fingerprint('', ['Too short'])
    expect(result.shingleCount).toBe(1)
    expect(result.lsh[0]).toBe('0.1w0d1oo')
    expect(result.signature.slice(0, 4)).toEqual([3189437244, 82869395, 3659601647, 4128024838])
  })

  it('no words make no shingles and no band keys', () => {
    const result = fingerprint('', [])
    expect(result).toEqual({
      titleKey: '',
      lsh: [],
      signature: new Array<number>(SIGNATURE_SIZE).fill(0xffffffff),
      shingleCount: 0,
    })
  })
})
