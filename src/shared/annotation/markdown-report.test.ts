import type { Nodes } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { beforeAll, describe, expect, it } from 'vitest'
import { markdownReport } from './markdown-report'
import { exchangeSample, type ExchangeSample } from './test-support/exchange'

let sample: ExchangeSample

beforeAll(async () => {
  sample = await exchangeSample()
})

/** The text a reader sees in a node, as a Markdown renderer would show it. */
function textOf(node: Nodes): string {
  if (node.type === 'text') return node.value
  if (node.type === 'break') return '\n'
  if ('children' in node) {
    const separator = node.type === 'blockquote' || node.type === 'root' ? '\n\n' : ''
    return (node.children as Nodes[]).map(textOf).join(separator)
  }
  return 'value' in node ? String(node.value) : ''
}

function nodeTypes(nodes: readonly Nodes[]): Set<string> {
  const types = new Set<string>()
  const visit = (node: Nodes) => {
    types.add(node.type)
    if ('children' in node) (node.children as Nodes[]).forEach(visit)
  }
  nodes.forEach(visit)
  return types
}

describe('markdownReport', () => {
  it('groups passages by tag in path order, leaves out unused tags, and ends with the untagged', () => {
    const tree = fromMarkdown(markdownReport(sample.data))
    const headings = tree.children
      .filter((node) => node.type === 'heading')
      .map((node) => [node.depth, textOf(node)])
    expect(headings).toEqual([
      [1, 'Annotations: the whole archive'],
      [2, 'Regions/Центральная Азия'],
      [2, 'Regions/中国'],
      [2, 'Threats/Terrorism'],
      [2, 'Untagged'],
    ])
  })

  it('shows each quote as a blockquote with its release, date, paragraph number and note', () => {
    const report = markdownReport(sample.data)
    const terrorism = report.slice(
      report.indexOf('## Threats/Terrorism'),
      report.indexOf('## Untagged'),
    )
    const tree = fromMarkdown(terrorism)
    const quotes = tree.children.filter((node) => node.type === 'blockquote').map(textOf)
    expect(quotes).toEqual([
      'countering terrorism, separatism and extremism',
      'противодействие терроризму, сепаратизму и экстремизму',
      '继续打击"三股势力"，即恐怖主义、分裂主义和极端主义',
    ])
    const paragraphs = tree.children.filter((node) => node.type === 'paragraph').map(textOf)
    expect(paragraphs).toEqual([
      `— ${sample.versions.sco.title}, 2017-04-06, ¶ 5`,
      'The “three evils” formula, as in the 2001 Shanghai Convention.',
      '— Заявление для прессы по итогам заседания Совета министров иностранных дел ШОС, 2017-04-21, ¶ 2',
      'Та же формула «трёх зол», что и в 2001 году.',
      '— 上海合作组织成员国外长理事会会议新闻公报, 2018-04-24, ¶ 2',
      '“三股势力”的定义，见2001年《上海公约》。\n第二行：含逗号, 和 "引号"。',
    ])
  })

  it('lists a passage with no tags under Untagged, and says when one needs review', () => {
    const report = markdownReport(sample.data)
    const untagged = fromMarkdown(report.slice(report.indexOf('## Untagged')))
    expect(untagged.children.filter((node) => node.type === 'blockquote').map(textOf)).toEqual([
      'traditionally friendly and constructive atmosphere',
      "People's Republic of China",
    ])
    expect(textOf(untagged)).toContain('Needs review: the text changed since it was made.')
    expect(textOf(untagged)).toContain('¶ 24')
  })

  it('shows hostile text as it was written, without headings, links, HTML, code or lists', () => {
    const hostile = [
      '# Not a heading [a link](http://evil.example) ![img](x.png) <img src=x onerror=alert(1)>',
      '*bold* _em_ `code` ~~gone~~ | a | table | &lt;entity&gt; \\*kept\\*',
      '- not a list',
      '1. not a list either',
      '    not code',
      '> not a quote',
      '===',
      '<script>alert(1)</script> http://evil.example www.evil.example',
    ].join('\n')
    const data = {
      ...sample.data,
      scopeLabel: 'tag [x](http://evil.example)',
      annotations: [
        {
          ...sample.data.annotations[0]!,
          tagIds: [],
          note: hostile,
          quote: { ...sample.data.annotations[0]!.quote, exact: hostile },
        },
      ],
    }
    const tree = fromMarkdown(markdownReport(data))
    // Everything but the source line under the quote, which puts the release title in italics.
    const types = nodeTypes(
      tree.children.filter((node) => !(node.type === 'paragraph' && textOf(node).startsWith('— '))),
    )
    for (const forbidden of [
      'link',
      'image',
      'html',
      'code',
      'inlineCode',
      'emphasis',
      'strong',
      'list',
      'thematicBreak',
    ]) {
      expect([forbidden, types.has(forbidden)]).toEqual([forbidden, false])
    }
    expect(tree.children.filter((node) => node.type === 'heading')).toHaveLength(2)
    const expected = hostile
      .split('\n')
      .map((line) => line.trim())
      .join('\n')
    const [quote] = tree.children.filter((node) => node.type === 'blockquote')
    expect(textOf(quote!)).toBe(expected)
    const note = tree.children
      .filter((node) => node.type === 'paragraph')
      .map(textOf)
      .pop()
    expect(note).toBe(expected)
    expect(textOf(tree.children[0]!)).toBe('Annotations: tag [x](http://evil.example)')
  })

  it('says so when there is nothing to report', () => {
    expect(markdownReport({ ...sample.data, annotations: [] })).toBe(
      '# Annotations: the whole archive\n\nNo annotated passages.\n',
    )
  })
})
