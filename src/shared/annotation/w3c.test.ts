import { beforeAll, describe, expect, it } from 'vitest'
import { exchangeSample, type ExchangeSample } from './test-support/exchange'
import { standardExamples, w3cValidator, type Validator } from './test-support/w3c-validator'
import { annotationIri, parseAnnotationFile, releaseUrn, toAnnotationCollection } from './w3c'

let sample: ExchangeSample
let validator: Validator

beforeAll(async () => {
  sample = await exchangeSample()
  validator = w3cValidator()
})

type Json = Record<string, unknown>

function exportedItems(collection: Json): Json[] {
  return (collection.first as { items: Json[] }).items
}

describe('the W3C validation harness', () => {
  it('accepts every example annotation of the standard’s test suite', () => {
    const examples = standardExamples()
    expect(examples.map(([name]) => name)).toHaveLength(7)
    for (const [name, example] of examples) {
      expect([name, validator.annotationMusts(example)]).toEqual([name, null])
    }
  })

  it('rejects annotations that break a MUST', () => {
    const [, example] = standardExamples()[0]!
    const good = example as Json
    const { target: _target, ...noTarget } = good
    const { '@context': _context, ...noContext } = good
    expect(validator.annotationMusts(noTarget)).toMatch(/target/)
    expect(validator.annotationMusts(noContext)).toMatch(/@context/)
    expect(validator.annotationMusts({ ...good, '@context': 'fish' })).not.toBeNull()
    expect(validator.annotationMusts({ ...good, type: 'Note' })).not.toBeNull()
    expect(validator.annotationMusts({ ...good, body: 'not a uri', bodyValue: 'x' })).not.toBeNull()
    expect(
      validator.annotationMusts({
        ...good,
        target: {
          source: 'urn:sha256:00',
          selector: { type: 'TextPositionSelector', start: -1, end: 4 },
        },
      }),
    ).not.toBeNull()
  })

  it('rejects a body purpose or a stylesheet the standard does not know', () => {
    const item = exportedItems(toAnnotationCollection(sample.data))[0]!
    expect(validator.ourProperties(item)).toBeNull()
    expect(
      validator.ourProperties({
        ...item,
        body: [{ type: 'TextualBody', value: 'x', purpose: 'liking' }],
      }),
    ).not.toBeNull()
    expect(
      validator.ourProperties({
        ...item,
        stylesheet: { type: 'CssStylesheet', id: 'http://x.org/s.css', value: '.a {}' },
      }),
    ).not.toBeNull()
  })
})

describe('toAnnotationCollection', () => {
  it('writes an AnnotationCollection the standard’s collection checks accept', () => {
    const collection = toAnnotationCollection(sample.data)
    expect(validator.collection(collection)).toBeNull()
    expect(collection).toMatchObject({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'AnnotationCollection',
      label: 'Communiqué annotations: the whole archive',
      total: 6,
      first: { type: 'AnnotationPage', startIndex: 0 },
    })
    expect(collection.id).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(toAnnotationCollection(sample.data).id).not.toBe(collection.id)
  })

  it('writes every annotation so that it passes the annotation MUSTs and the checks of what it uses', () => {
    const items = exportedItems(toAnnotationCollection(sample.data))
    expect(items).toHaveLength(sample.data.annotations.length)
    for (const item of items) {
      expect([item.id, validator.annotationMusts(item)]).toEqual([item.id, null])
      expect([item.id, validator.ourProperties(item)]).toEqual([item.id, null])
    }
  })

  it('writes the note, the tags by path, the colour and the passage of an annotation', () => {
    const items = exportedItems(toAnnotationCollection(sample.data))
    const zh = items.find((item) => item.id === 'urn:uuid:3e9c7d4b-af50-4b1d-8233-6d4e5f607182')
    expect(zh).toEqual({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: 'urn:uuid:3e9c7d4b-af50-4b1d-8233-6d4e5f607182',
      type: 'Annotation',
      motivation: 'commenting',
      created: '2024-03-01T13:30:00.000Z',
      modified: '2024-03-01T13:30:01.234Z',
      body: [
        {
          type: 'TextualBody',
          value: '“三股势力”的定义，见2001年《上海公约》。\n第二行：含逗号, 和 "引号"。',
          format: 'text/plain',
          purpose: 'commenting',
        },
        { type: 'TextualBody', value: 'Threats/Terrorism', purpose: 'tagging' },
        { type: 'TextualBody', value: 'Regions/中国', purpose: 'tagging' },
      ],
      target: {
        type: 'SpecificResource',
        source: `urn:sha256:${sample.versions.zh.contentHash}`,
        styleClass: 'highlight-e57373',
        selector: [
          {
            type: 'TextQuoteSelector',
            exact: '继续打击"三股势力"，即恐怖主义、分裂主义和极端主义',
            // 32 code units back: over the first paragraph into the title.
            prefix: '议新闻公报\n\n会议于2018年4月24日在北京举行。\n\n各方同意',
            suffix: '。\n\n下次会议将在吉尔吉斯共和国举行。',
          },
          // Title (20) + blank line + paragraph 1 (19) + blank line + 各方同意 (4); 26 long.
          { type: 'TextPositionSelector', start: 47, end: 73 },
        ],
      },
      stylesheet: {
        type: 'CssStylesheet',
        value: '.highlight-e57373 { background-color: #e57373; }',
      },
    })
  })

  it('writes a highlight without a note as highlighting, with no body when it has no tags either', () => {
    const items = exportedItems(toAnnotationCollection(sample.data))
    const plain = items.find((item) => item.id === 'urn:uuid:1c7a5b2f-8d3e-4f9b-a011-4b2c3d4e5f60')!
    expect(plain.motivation).toBe('highlighting')
    expect(plain).not.toHaveProperty('body')
    const tagOnly = items.find((item) => item.id === 'https://hypothes.is/a/Qg1nSkZtEeyR2w')!
    expect(tagOnly.motivation).toBe('highlighting')
    expect(tagOnly.body).toEqual([
      { type: 'TextualBody', value: 'Regions/中国', purpose: 'tagging' },
    ])
  })

  it('lists annotations by release date, then by position', () => {
    const items = exportedItems(toAnnotationCollection(sample.data))
    const sources = items.map((item) => (item.target as Json).source)
    const { sco, ru, zh } = sample.versions
    expect(sources).toEqual([
      releaseUrn(sco.contentHash),
      releaseUrn(sco.contentHash),
      releaseUrn(sco.contentHash),
      releaseUrn(ru.contentHash),
      releaseUrn(ru.contentHash),
      releaseUrn(zh.contentHash),
    ])
    const scoStarts = items
      .slice(0, 3)
      .map((item) => ((item.target as Json).selector as Json[])[1]!.start as number)
    expect([...scoStarts].sort((a, b) => a - b)).toEqual(scoStarts)
  })

  it('writes an empty collection with no page when there is nothing to export', () => {
    const collection = toAnnotationCollection({ ...sample.data, annotations: [] })
    expect(collection.total).toBe(0)
    expect(collection).not.toHaveProperty('first')
    expect(validator.collection(collection)).toBeNull()
  })
})

describe('parseAnnotationFile', () => {
  it('reads back exactly what toAnnotationCollection wrote', () => {
    const file = JSON.stringify(toAnnotationCollection(sample.data), null, 2)
    const { annotations, problems } = parseAnnotationFile(file)
    expect(problems).toEqual([])
    const tagPath = new Map(sample.data.tags.map((tag) => [tag.id, tag.path]))
    const hashOf = new Map(sample.data.releases.map((r) => [r.id, r.contentHash]))
    const expected = sample.data.annotations.map((a) => ({
      id: a.id,
      releaseUrn: `urn:sha256:${hashOf.get(a.releaseId)}`,
      source: `urn:sha256:${hashOf.get(a.releaseId)}`,
      quote: a.quote,
      position: a.position,
      note: a.note,
      tagPaths: a.tagIds.map((id) => tagPath.get(id)),
      color: a.color,
      created: a.createdAt,
      modified: a.updatedAt,
    }))
    const byId = (x: { id: string }, y: { id: string }) => (x.id < y.id ? -1 : 1)
    expect([...annotations].sort(byId)).toEqual(expected.sort(byId))
  })

  it('reads a Hypothesis-style annotation: target and selector arrays, string and object bodies', () => {
    const file = JSON.stringify({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'Annotation',
      id: 'https://hypothes.is/a/7bB3EEpOEe-3xzM',
      created: '2023-05-04T10:11:12.345678+00:00',
      modified: '2023-05-05T08:00:00+00:00',
      body: [
        { type: 'TextualBody', value: 'Check the **Russian** text.', format: 'text/markdown' },
        { type: 'TextualBody', purpose: 'tagging', value: 'terrorism' },
        { type: 'TextualBody', purpose: 'tagging', value: 'SCO/2017' },
        'https://example.org/a-linked-page',
      ],
      target: [
        {
          source: 'https://www.mid.ru/en/press_service/sco-2017',
          selector: [
            {
              type: 'RangeSelector',
              startSelector: { type: 'XPathSelector', value: '/main[1]/p[5]' },
              endSelector: { type: 'XPathSelector', value: '/main[1]/p[5]' },
            },
            { type: 'TextPositionSelector', start: 1410, end: 1456 },
            {
              type: 'TextQuoteSelector',
              exact: 'countering terrorism, separatism and extremism',
              prefix: 'member states in the spheres such as ',
              suffix: ', trafficking in weapons',
            },
          ],
        },
      ],
    })
    const { annotations, problems } = parseAnnotationFile(file)
    expect(problems).toEqual([])
    expect(annotations).toEqual([
      {
        id: 'https://hypothes.is/a/7bB3EEpOEe-3xzM',
        releaseUrn: null,
        source: 'https://www.mid.ru/en/press_service/sco-2017',
        quote: {
          exact: 'countering terrorism, separatism and extremism',
          prefix: 'member states in the spheres such as ',
          suffix: ', trafficking in weapons',
        },
        position: { start: 1410, end: 1456 },
        note: 'Check the **Russian** text.',
        tagPaths: ['terrorism', 'SCO/2017'],
        color: null,
        created: Date.UTC(2023, 4, 4, 10, 11, 12, 345),
        modified: Date.UTC(2023, 4, 5, 8, 0, 0),
      },
    ])
  })

  it('reads Hypothesis API rows, bodyValue, and the bodies of a tagging annotation as tags', () => {
    const rows = parseAnnotationFile(
      JSON.stringify({
        total: 1,
        rows: [
          {
            id: 'Qg1nSkZtEeyR2w',
            created: '2022-01-02T03:04:05.000000+00:00',
            updated: '2022-01-03T03:04:05.000000+00:00',
            uri: 'https://example.org/release',
            text: 'A note',
            tags: ['Threats/Terrorism', ' Regions '],
            target: [
              {
                source: 'https://example.org/release',
                selector: [
                  { type: 'TextQuoteSelector', exact: 'Astana', prefix: 'in ', suffix: ' on' },
                ],
              },
            ],
          },
        ],
      }),
    )
    expect(rows.problems).toEqual([])
    expect(rows.annotations[0]).toMatchObject({
      id: 'Qg1nSkZtEeyR2w',
      note: 'A note',
      tagPaths: ['Threats/Terrorism', 'Regions'],
      modified: Date.UTC(2022, 0, 3, 3, 4, 5),
      position: null,
    })

    const others = parseAnnotationFile(
      JSON.stringify([
        {
          '@context': 'http://www.w3.org/ns/anno.jsonld',
          id: 'urn:uuid:5b0e9f6d-c172-4d3f-a455-8f60718293a4',
          type: 'Annotation',
          bodyValue: 'Plain note',
          target: {
            source: `urn:sha256:${'AB'.repeat(32)}`,
            selector: { type: 'TextQuoteSelector', exact: 'Astana' },
          },
        },
        {
          '@context': 'http://www.w3.org/ns/anno.jsonld',
          id: 'http://example.org/anno2',
          type: 'Annotation',
          motivation: 'tagging',
          body: { type: 'TextualBody', value: 'Regions/Central Asia' },
          target: {
            source: 'http://example.org/release',
            selector: { type: 'TextPositionSelector', start: 10, end: 16 },
          },
        },
      ]),
    )
    expect(others.problems).toEqual([])
    expect(others.annotations).toMatchObject([
      {
        id: '5b0e9f6d-c172-4d3f-a455-8f60718293a4',
        releaseUrn: `urn:sha256:${'ab'.repeat(32)}`,
        note: 'Plain note',
        quote: { exact: 'Astana', prefix: '', suffix: '' },
        tagPaths: [],
      },
      { id: 'http://example.org/anno2', note: '', tagPaths: ['Regions/Central Asia'] },
    ])
  })

  it('reads annotations on later pages of a collection', () => {
    const collection = toAnnotationCollection(sample.data)
    const items = exportedItems(collection)
    const paged = {
      ...collection,
      first: {
        type: 'AnnotationPage',
        startIndex: 0,
        items: items.slice(0, 2),
        next: { type: 'AnnotationPage', startIndex: 2, items: items.slice(2) },
      },
    }
    expect(parseAnnotationFile(JSON.stringify(paged)).annotations).toHaveLength(items.length)
    const page = parseAnnotationFile(
      JSON.stringify({ ...paged.first, next: 'https://x.org/page3' }),
    )
    expect(page.annotations).toHaveLength(2)
    expect(page.problems).toEqual([
      'the page https://x.org/page3 is not in the file, so its annotations were not read',
    ])
  })

  it('never throws, and names each annotation it cannot use with the reason', () => {
    expect(parseAnnotationFile('{"type": "Annotation", ')).toEqual({
      annotations: [],
      problems: [expect.stringMatching(/^the file is not JSON \(/)],
    })
    expect(parseAnnotationFile('42').problems).toEqual([
      'the file holds no annotations: it is JSON, but not an object or an array',
    ])
    expect(parseAnnotationFile('{"hello": "world"}').problems).toHaveLength(1)
    expect(parseAnnotationFile('[]').problems).toEqual(['the file has no annotations'])

    const [, example] = standardExamples()[0]!
    const good = JSON.parse(JSON.stringify(toAnnotationCollection(sample.data))).first.items[0]
    const { annotations, problems } = parseAnnotationFile(
      JSON.stringify([
        good,
        'just a string',
        { ...good, id: 'urn:uuid:no-target', target: undefined },
        { ...good, id: 'http://example.org/tag', type: 'TagCollection' },
        example,
        {
          ...good,
          id: 'http://example.org/bad-selectors',
          target: {
            source: 'urn:sha256:00',
            selector: [
              { type: 'TextPositionSelector', start: 9, end: 2 },
              { type: 'TextQuoteSelector', exact: '' },
            ],
          },
        },
      ]),
    )
    expect(annotations.map((a) => a.id)).toEqual([good.id.slice('urn:uuid:'.length)])
    expect(problems).toEqual([
      'annotation 2: it is not an object',
      'annotation 3 (urn:uuid:no-target): it has no target',
      'annotation 4 (http://example.org/tag): it is of type "TagCollection", not an Annotation',
      'annotation 5 (http://example.org/anno1): its target (http://example.com/page1) has no TextQuoteSelector or TextPositionSelector, so there is no passage to place',
      'annotation 6 (http://example.org/bad-selectors): its target (urn:sha256:00) has no TextQuoteSelector or TextPositionSelector, so there is no passage to place',
    ])
  })

  it('gives bare ids for our urn:uuid ids and keeps every other IRI', () => {
    expect(annotationIri('0b6f4a1e-7c2d-4e8a-9f00-3a1b2c3d4e5f')).toBe(
      'urn:uuid:0b6f4a1e-7c2d-4e8a-9f00-3a1b2c3d4e5f',
    )
    expect(annotationIri('https://hypothes.is/a/x')).toBe('https://hypothes.is/a/x')
  })
})
