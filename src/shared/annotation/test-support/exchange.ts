/**
 * An export's worth of data for the exchange tests: three real-looking
 * releases in English, Russian and Chinese, prepared as the import prepares
 * them, with tags in a hierarchy and annotations made the way the reader
 * makes them (shared/annotation/reading-text), including one with no note,
 * one with no tags, one waiting for review and one imported with its own IRI.
 */
import { selectorsFor } from '../reading-text'
import type { ExchangeAnnotation, ExchangeData, ExchangeRelease, ExchangeTag } from '../types'
import { prepareCorpusFile, prepareText, SCO_2017, type TestVersion } from './versions'

export const RUSSIAN_RELEASE = [
  'Заявление для прессы по итогам заседания Совета министров иностранных дел ШОС',
  'Заседание прошло в Астане 21 апреля 2017 года.',
  'Министры обсудили противодействие терроризму, сепаратизму и экстремизму в духе «Шанхайской конвенции».',
  'Следующее заседание пройдёт в Китайской Народной Республике.',
].join('\n\n')

export const CHINESE_RELEASE = [
  '上海合作组织成员国外长理事会会议新闻公报',
  '会议于2018年4月24日在北京举行。',
  '各方同意继续打击"三股势力"，即恐怖主义、分裂主义和极端主义。',
  '下次会议将在吉尔吉斯共和国举行。',
].join('\n\n')

const T0 = Date.UTC(2024, 2, 1, 9, 30, 0)
const HOUR = 3_600_000

export type ExchangeSample = {
  data: ExchangeData
  versions: Record<'sco' | 'ru' | 'zh', TestVersion>
}

export async function exchangeSample(): Promise<ExchangeSample> {
  const versions = {
    sco: await prepareCorpusFile(SCO_2017),
    ru: await prepareText('ru.txt', RUSSIAN_RELEASE),
    zh: await prepareText('zh.txt', CHINESE_RELEASE),
  }
  const tags: ExchangeTag[] = [
    tag('t-threats', 'Threats', null, '#d32f2f', 'Security threats named in the text'),
    tag(
      't-terror',
      'Threats/Terrorism',
      't-threats',
      '#b71c1c',
      'Terrorism, separatism, extremism',
    ),
    tag('t-regions', 'Regions', null, '#1976d2', ''),
    tag('t-asia', 'Regions/Центральная Азия', 't-regions', '#0d47a1', 'Страны региона'),
    tag('t-china', 'Regions/中国', 't-regions', '#ff8f00', ''),
    tag('t-unused', 'Unused', null, '#9e9e9e', 'Never applied'),
  ]
  const releases: ExchangeRelease[] = [
    release('r-zh', versions.zh, '2018-04-24', ['t-china']),
    release('r-sco', versions.sco, '2017-04-06', ['t-threats', 't-regions']),
    release('r-ru', versions.ru, '2017-04-21', ['t-threats']),
  ]
  const annotations: ExchangeAnnotation[] = [
    annotation(versions.sco, 'r-sco', 'countering terrorism, separatism and extremism', {
      id: '0b6f4a1e-7c2d-4e8a-9f00-3a1b2c3d4e5f',
      hour: 1,
      note: 'The “three evils” formula, as in the 2001 Shanghai Convention.',
      tagIds: ['t-terror'],
      color: '#ffd54f',
    }),
    annotation(versions.sco, 'r-sco', "People's Republic of China", {
      id: '1c7a5b2f-8d3e-4f9b-a011-4b2c3d4e5f60',
      hour: 2,
      paragraphIndex: versions.sco.paragraphs.length - 1,
      note: '',
      tagIds: [],
      color: '#81c784',
    }),
    annotation(versions.ru, 'r-ru', 'противодействие терроризму, сепаратизму и экстремизму', {
      id: '2d8b6c3a-9e4f-4a0c-b122-5c3d4e5f6071',
      hour: 3,
      note: 'Та же формула «трёх зол», что и в 2001 году.',
      tagIds: ['t-terror', 't-asia'],
      color: '#ffd54f',
    }),
    annotation(versions.zh, 'r-zh', '继续打击"三股势力"，即恐怖主义、分裂主义和极端主义', {
      id: '3e9c7d4b-af50-4b1d-8233-6d4e5f607182',
      hour: 4,
      note: '“三股势力”的定义，见2001年《上海公约》。\n第二行：含逗号, 和 "引号"。',
      tagIds: ['t-terror', 't-china'],
      color: '#e57373',
    }),
    {
      ...annotation(versions.sco, 'r-sco', 'traditionally friendly and constructive atmosphere', {
        id: '4fad8e5c-b061-4c2e-9344-7e5f60718293',
        hour: 5,
        note: 'Tone words: compare with the 2018 meeting.',
        tagIds: [],
        color: '#64b5f6',
      }),
      needsReview: true,
    },
    annotation(versions.ru, 'r-ru', 'Китайской Народной Республике', {
      id: 'https://hypothes.is/a/Qg1nSkZtEeyR2w',
      hour: 6,
      note: '',
      tagIds: ['t-china'],
      color: '#ffd54f',
    }),
  ]
  return {
    versions,
    data: {
      scopeLabel: 'the whole archive',
      releases,
      tags,
      annotations,
      paragraphTags: [
        { releaseId: 'r-sco', paragraphKey: versions.sco.keys[4] as string, tagIds: ['t-terror'] },
        { releaseId: 'r-sco', paragraphKey: versions.sco.keys[21] as string, tagIds: ['t-terror'] },
        {
          releaseId: 'r-ru',
          paragraphKey: versions.ru.keys[1] as string,
          tagIds: ['t-terror', 't-asia'],
        },
      ],
      exportedAt: T0 + 48 * HOUR,
    },
  }
}

function tag(
  id: string,
  path: string,
  parentId: string | null,
  color: string,
  description: string,
): ExchangeTag {
  return { id, path, name: path.split('/').pop() as string, parentId, color, description }
}

function release(
  id: string,
  version: TestVersion,
  date: string | null,
  tagIds: string[],
): ExchangeRelease {
  return {
    id,
    contentHash: version.contentHash,
    title: version.title,
    date,
    paragraphKeys: [...version.keys],
    tagIds,
  }
}

function annotation(
  version: TestVersion,
  releaseId: string,
  exact: string,
  fields: {
    id: string
    hour: number
    note: string
    tagIds: string[]
    color: string
    paragraphIndex?: number
  },
): ExchangeAnnotation {
  const index =
    fields.paragraphIndex ?? version.paragraphs.findIndex((text) => text.includes(exact))
  const start = version.paragraphs[index]?.indexOf(exact) ?? -1
  if (start === -1) throw new Error(`“${exact}” is not in paragraph ${index}`)
  const { quote, position } = selectorsFor(
    version.title,
    version.paragraphs,
    index,
    start,
    start + exact.length,
  )
  return {
    id: fields.id,
    releaseId,
    paragraphKey: version.keys[index] as string,
    quote,
    position,
    color: fields.color,
    note: fields.note,
    tagIds: fields.tagIds,
    needsReview: false,
    createdAt: T0 + fields.hour * HOUR,
    updatedAt: T0 + fields.hour * HOUR + 1234,
  }
}
