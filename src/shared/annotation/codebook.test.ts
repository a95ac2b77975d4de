import { beforeAll, describe, expect, it } from 'vitest'
import { CODEBOOK_CSV_COLUMNS, codebookCsv, codebookJson, codebookRows } from './codebook'
import { readCsv } from './test-support/csv-reader'
import { exchangeSample, type ExchangeSample } from './test-support/exchange'

let sample: ExchangeSample

beforeAll(async () => {
  sample = await exchangeSample()
})

describe('codebookRows', () => {
  it('lists every tag in path order with its parent and its own uses', () => {
    // The sample tags: releases sco and ru as Threats, sco as Regions, zh as Regions/中国;
    // paragraphs 5 and 22 of sco and 2 of ru as Threats/Terrorism (ru's also Центральная Азия);
    // passages: three on Terrorism, one on Центральная Азия, two on 中国.
    expect(
      codebookRows(sample.data).map((row) => [row.path, row.parentPath, row.name, row.counts]),
    ).toEqual([
      ['Regions', '', 'Regions', { releases: 1, paragraphs: 0, passages: 0 }],
      [
        'Regions/Центральная Азия',
        'Regions',
        'Центральная Азия',
        { releases: 0, paragraphs: 1, passages: 1 },
      ],
      ['Regions/中国', 'Regions', '中国', { releases: 1, paragraphs: 0, passages: 2 }],
      ['Threats', '', 'Threats', { releases: 2, paragraphs: 0, passages: 0 }],
      ['Threats/Terrorism', 'Threats', 'Terrorism', { releases: 0, paragraphs: 3, passages: 3 }],
      ['Unused', '', 'Unused', { releases: 0, paragraphs: 0, passages: 0 }],
    ])
  })

  it('counts a paragraph once however many entries name it, and a tag once per item', () => {
    const [first] = sample.data.paragraphTags
    const data = {
      ...sample.data,
      paragraphTags: [
        ...sample.data.paragraphTags,
        { ...first!, tagIds: ['t-terror', 't-terror'] },
      ],
      annotations: sample.data.annotations.map((a) => ({
        ...a,
        tagIds: [...a.tagIds, ...a.tagIds],
      })),
    }
    expect(codebookRows(data).find((row) => row.path === 'Threats/Terrorism')!.counts).toEqual({
      releases: 0,
      paragraphs: 3,
      passages: 3,
    })
  })
})

describe('codebookCsv', () => {
  it('writes a BOM, the columns and a row per tag that reads back', () => {
    const text = codebookCsv(sample.data)
    expect(text.startsWith('\uFEFF')).toBe(true)
    const [header, ...rows] = readCsv(text.slice(1))
    expect(header).toEqual([...CODEBOOK_CSV_COLUMNS])
    expect(rows[1]).toEqual([
      'Regions/Центральная Азия',
      'Центральная Азия',
      'Regions',
      '#0d47a1',
      'Страны региона',
      '0',
      '1',
      '1',
    ])
    expect(rows.map((row) => row[0])).toEqual(codebookRows(sample.data).map((row) => row.path))
  })

  it('defuses a description that a spreadsheet would run as a formula', () => {
    const data = {
      ...sample.data,
      tags: sample.data.tags.map((tag) => ({ ...tag, description: '=1+1' })),
    }
    const [, ...rows] = readCsv(codebookCsv(data).slice(1))
    expect(new Set(rows.map((row) => row[4]))).toEqual(new Set(["'=1+1"]))
  })
})

describe('codebookJson', () => {
  it('gives the tags as a tree, each level in path order', () => {
    const tree = codebookJson(sample.data)
    const shape = (nodes: typeof tree): unknown[] =>
      nodes.map((node) => [node.path, shape(node.children)])
    expect(shape(tree)).toEqual([
      [
        'Regions',
        [
          ['Regions/Центральная Азия', []],
          ['Regions/中国', []],
        ],
      ],
      ['Threats', [['Threats/Terrorism', []]]],
      ['Unused', []],
    ])
    expect(tree[1]!.children[0]).toEqual({
      path: 'Threats/Terrorism',
      name: 'Terrorism',
      color: '#b71c1c',
      description: 'Terrorism, separatism, extremism',
      counts: { releases: 0, paragraphs: 3, passages: 3 },
      children: [],
    })
    expect(JSON.parse(JSON.stringify(tree))).toEqual(tree)
  })

  it('keeps tags whose parents loop or are missing', () => {
    const data = {
      ...sample.data,
      tags: [
        { id: 'a', path: 'A', name: 'A', parentId: 'b', color: '#000000', description: '' },
        { id: 'b', path: 'A/B', name: 'B', parentId: 'a', color: '#000000', description: '' },
        { id: 'c', path: 'Gone/C', name: 'C', parentId: 'gone', color: '#000000', description: '' },
      ],
    }
    const paths: string[] = []
    const walk = (nodes: ReturnType<typeof codebookJson>) =>
      nodes.forEach((node) => {
        paths.push(node.path)
        walk(node.children)
      })
    walk(codebookJson(data))
    expect(paths.sort()).toEqual(['A', 'A/B', 'Gone/C'])
  })
})
