import { describe, expect, it } from 'vitest'
import { classifyDocType } from './doc-type'
import { manifest, readRelease } from './test-support/corpus'

function typeOf(file: string, hasTitle = true) {
  const { title, paragraphs } = readRelease(file, hasTitle)
  return classifyDocType(title, paragraphs)
}

describe('classifyDocType', () => {
  it('classifies the SCO releases by their titles', () => {
    expect(typeOf('sco/000_5b5391892682d1ae.txt')).toBe('press release')
    expect(typeOf('sco/003_e372a3fb9bb542ce.txt')).toBe('joint press release')
  })

  it('takes the genre at the head of English and Russian titles', () => {
    expect(classifyDocType('Joint Statement on the Resolution of the Council', [])).toBe(
      'joint statement',
    )
    expect(classifyDocType('Readout of President Biden’s Call with the Chancellor', [])).toBe(
      'readout',
    )
    expect(classifyDocType('Remarks by the President at the Summit', [])).toBe('remarks')
    expect(classifyDocType('FACT SHEET: A New Partnership', [])).toBe('statement')
    expect(classifyDocType('Communique of the G7 Leaders', [])).toBe('communiqué')
    expect(classifyDocType('Телефонный разговор с Президентом Таджикистана', [])).toBe('readout')
    expect(classifyDocType('Заявление Президента Российской Федерации', [])).toBe('statement')
    expect(classifyDocType('Декларация о стратегическом партнёрстве', [])).toBe('declaration')
  })

  it('takes the genre at the end of Chinese titles', () => {
    expect(classifyDocType('2022年中华人民共和国国务院政府工作报告', [])).toBe('report')
    expect(classifyDocType('第十四届全国人民代表大会第二次会议关于政府工作报告的决议', [])).toBe(
      'resolution',
    )
  })

  it('falls back to the opening text, then to other', () => {
    expect(classifyDocType('', ['[S/1455]\nThe Security Council,', 'Decides…'])).toBe('resolution')
    expect(classifyDocType('', ['Mr. President, allow me to congratulate you.'])).toBe('speech')
    expect(classifyDocType('Nominations Sent to the Senate', ['Jane Doe, of Ohio.'])).toBe('other')
  })

  it('knows a speech by its opening in any case, and by letters that only fold to it', () => {
    expect(classifyDocType('', ['MR. PRESIDENT, ALLOW ME TO BEGIN.'])).toBe('speech')
    expect(classifyDocType('', ['Уважаемый господин Председатель!'])).toBe('speech')
    // The long s (ſ) matches "s" case-insensitively, though it does not lowercase to it.
    expect(classifyDocType('', ['Thank you, ſir.'])).toBe('speech')
    expect(classifyDocType('', ['The desire of the people is clear.'])).toBe('other')
  })

  it('corpus: resolutions are resolutions, General Debate speeches are speeches', () => {
    const unsc = manifest('unsc_resolutions_en')
    const resolutions = unsc.filter((m) => typeOf(m.file as string) === 'resolution')
    expect(resolutions.length / unsc.length).toBeGreaterThanOrEqual(0.95)
    const ungdc = manifest('ungdc').slice(0, 200)
    const speeches = ungdc.filter((m) => typeOf(m.file as string, false) === 'speech')
    expect(speeches.length / ungdc.length).toBeGreaterThanOrEqual(0.8)
  })

  it('corpus: Chinese government work reports are reports', () => {
    const rows = manifest('cn_gov_reports_zh').filter((m) =>
      String(m.title).endsWith('政府工作报告'),
    )
    expect(rows.length).toBeGreaterThan(10)
    for (const m of rows) expect(typeOf(m.file as string)).toBe('report')
  })
})
