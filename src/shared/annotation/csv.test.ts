import { beforeAll, describe, expect, it } from 'vitest'
import { ANNOTATION_CSV_COLUMNS, annotationsCsv } from './csv'
import { readCsv } from './test-support/csv-reader'
import { exchangeSample, type ExchangeSample } from './test-support/exchange'
import type { ExchangeData } from './types'

let sample: ExchangeSample

beforeAll(async () => {
  sample = await exchangeSample()
})

/** The CSV as a spreadsheet shows it: the BOM taken off, then header and rows. */
function sheet(data: ExchangeData): { header: string[]; rows: Record<string, string>[] } {
  const text = annotationsCsv(data)
  expect(text.startsWith('\uFEFF')).toBe(true)
  const [header, ...rows] = readCsv(text.slice(1))
  return {
    header: header!,
    rows: rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]!]))),
  }
}

describe('annotationsCsv', () => {
  it('writes a BOM, the columns, and one row per annotation in release-date order', () => {
    const { header, rows } = sheet(sample.data)
    expect(header).toEqual([...ANNOTATION_CSV_COLUMNS])
    expect(rows.map((row) => [row.Date, row.Paragraph, row.Quote])).toEqual([
      ['2017-04-06', '5', 'traditionally friendly and constructive atmosphere'],
      ['2017-04-06', '5', 'countering terrorism, separatism and extremism'],
      ['2017-04-06', '24', "People's Republic of China"],
      ['2017-04-21', '2', 'противодействие терроризму, сепаратизму и экстремизму'],
      ['2017-04-21', '3', 'Китайской Народной Республике'],
      ['2018-04-24', '2', '继续打击"三股势力"，即恐怖主义、分裂主义和极端主义'],
    ])
    expect(sample.versions.sco.paragraphs[4]).toContain('countering terrorism')
  })

  it('keeps Russian and Chinese text, tags by path, the colour, the release URN and the W3C id', () => {
    const { rows } = sheet(sample.data)
    expect(rows[3]).toEqual({
      Release: 'Заявление для прессы по итогам заседания Совета министров иностранных дел ШОС',
      Date: '2017-04-21',
      Paragraph: '2',
      Quote: 'противодействие терроризму, сепаратизму и экстремизму',
      Note: 'Та же формула «трёх зол», что и в 2001 году.',
      Tags: 'Threats/Terrorism; Regions/Центральная Азия',
      Colour: '#ffd54f',
      'Release URN': `urn:sha256:${sample.versions.ru.contentHash}`,
      'Annotation id': 'urn:uuid:2d8b6c3a-9e4f-4a0c-b122-5c3d4e5f6071',
    })
    expect(rows[4]!['Annotation id']).toBe('https://hypothes.is/a/Qg1nSkZtEeyR2w')
    expect(rows[5]!.Note).toBe(
      '“三股势力”的定义，见2001年《上海公约》。\n第二行：含逗号, 和 "引号"。',
    )
  })

  it('reads back a quote with a comma, double quotes and a line break exactly', () => {
    const tricky = 'He said, "we agree"\r\nand then: "so do we",\nand left'
    const data = {
      ...sample.data,
      annotations: sample.data.annotations.map((annotation, i) =>
        i === 0 ? { ...annotation, quote: { ...annotation.quote, exact: tricky } } : annotation,
      ),
    }
    const text = annotationsCsv(data)
    expect(text).toContain('"He said, ""we agree""\r\nand then: ""so do we"",\nand left"')
    expect(sheet(data).rows.map((row) => row.Quote)).toContain(tricky)
  })

  it('defuses cells a spreadsheet would run as formulas', () => {
    const notes = ['=HYPERLINK("http://evil.example","click")', '+1+1', '-2', '@SUM(A1)', '\tx']
    const data = {
      ...sample.data,
      annotations: notes.map((note, i) => ({ ...sample.data.annotations[i]!, note })),
    }
    const written = sheet(data).rows.map((row) => row.Note)
    expect([...written].sort()).toEqual(notes.map((note) => `'${note}`).sort())
  })

  it('writes only the header when there are no annotations', () => {
    expect(annotationsCsv({ ...sample.data, annotations: [] })).toBe(
      `\uFEFF${ANNOTATION_CSV_COLUMNS.join(',')}\r\n`,
    )
  })
})
