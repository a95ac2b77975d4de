import { fromMarkdown } from 'mdast-util-from-markdown'
import type { Nodes, Root } from 'mdast'
import { describe, expect, it } from 'vitest'
import { parseSimpleMarkdown } from './markdown-subset'

/**
 * The parts of a tree the text reader uses: block structure, list numbering, text, and which
 * text sits in emphasis, links or raw HTML. Positions, URLs and looseness are left out, and so
 * is the kind of whitespace: the reader writes every line ending as "\n", and the text reader
 * collapses runs of whitespace anyway.
 */
function shape(node: Nodes): unknown {
  switch (node.type) {
    case 'text':
    case 'html':
      return [node.type, node.value.replace(/[ \t\r\n]+/g, ' ')]
    case 'list':
      return [node.type, node.ordered ? (node.start ?? 1) : '-', node.children.map(shape)]
    case 'heading':
    case 'paragraph':
    case 'listItem':
    case 'emphasis':
    case 'strong':
    case 'link':
    case 'root':
      return [node.type, node.children.map(shape)]
    default:
      return [node.type]
  }
}

/** The full parser's tree, with the unpaired `**` runs dropped as markdown-to-text does. */
function fullTree(markdown: string): Root {
  const tree = fromMarkdown(markdown)
  const stack: Nodes[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop() as Nodes
    if (node.type === 'text' && node.value.includes('**')) {
      const raw = markdown.slice(node.position?.start.offset, node.position?.end.offset)
      if (/(?<!\\)\*\*/.test(raw) && !raw.includes('\\*'))
        node.value = node.value.replace(/\*\*+/g, ' ')
    } else if ('children' in node) {
      stack.push(...node.children)
    }
  }
  return tree
}

function expectSameAsFullParser(markdown: string): void {
  const fast = parseSimpleMarkdown(markdown)
  expect(fast, `read by the subset: ${JSON.stringify(markdown)}`).not.toBeNull()
  expect(shape(fast as Root)).toEqual(shape(fullTree(markdown)))
}

describe('parseSimpleMarkdown', () => {
  it('reads paragraphs, headings, hard breaks and thematic breaks as the full parser does', () => {
    for (const markdown of [
      'Title\n\nA paragraph\nwrapped over lines.\n\nAnother one.',
      '# Heading\nText under it\n## Second #hash\n\n***\n\nAfter the rule',
      'Two spaces  \nbreak the line, a backslash\\\nalso; at the end they do not  ',
      'Leading   spaces\n   on continuation lines\u00a0and no-break spaces\u00a0',
      'CRLF\r\nline endings\r\n\r\nand a bare\rCR',
    ]) {
      expectSameAsFullParser(markdown)
    }
  })

  it('reads lists: numbering, nesting, lazy lines, interruptions and empty items', () => {
    for (const markdown of [
      '- one\n- two\n\n  still two\n- three',
      '12. Decides\n\n13. Requests\n\nText\n\n1) other list\n2. and another',
      '-   pandoc item\n    wrapped\n    -   nested\n        deeper\n-   next',
      '- a\nlazy line\n- b\n2. new list starts at 2',
      'paragraph\n- bullet interrupts\n\nparagraph\n2. does not interrupt\n1. this does',
      'text\n- 2. is text in the item\n\n- 2. is a nested list',
      '1. - 1. nested on one line\n- # heading in an item\n- ***',
      '-\n  content of an empty item\n\n1.\n\n   ends the empty item',
      'paragraph\n1.\nan empty item cannot interrupt',
      '- a\n<!-- -->\n- b',
    ]) {
      expectSameAsFullParser(markdown)
    }
  })

  it('reads emphasis by the delimiter rules, including the rule of 3 and intraword underscores', () => {
    for (const markdown of [
      '*a **b** c* _d_ __e__ snake_case_name *f*g',
      '***both*** **a*b*c** *a**b**c* ***a** b*',
      '_**strong****a*b__uu__ x',
      '**The History: **broken emphasis leaves markers',
      '\\*\\*escaped\\*\\* and **one \\* escape** stay',
      '*emphasis [with a link*](http://x) and* [text *with* emphasis](u)',
      '“*quoted*” a*“b”*c ☆*star*☆ 中*文*字',
    ]) {
      expectSameAsFullParser(markdown)
    }
  })

  it('reads links, autolinks, inline HTML and comments', () => {
    for (const markdown of [
      '[a](http://x.y/z) [b]() [c](url(with)parens) [not a link] [d][e]',
      '[outer [inner](u) text](v) [cut](https://example.',
      '<https://example.org/a> <name@example.org> a < b, a<b>c</b>',
      '<u>under</u> <span style="text-decoration: underline">x</span> <sup>1</sup>',
      'a <!-- comment --> b <!--> c <!---> d',
      '<a href=/x>slash first</a> <a href=x/y>is no tag</a> <a b=c/>',
    ]) {
      expectSameAsFullParser(markdown)
    }
  })

  it('reads HTML blocks that end at a blank line, with the tags that open them', () => {
    for (const markdown of [
      'text\n<table>\n<tr><td>cell</td></tr>\n</table>\n\nafter',
      '<figure>\n<img src="x">\n</figure>\ntext in the block\n\nparagraph',
      'paragraph\n<img src="x">\nis no block: a whole-line tag cannot interrupt',
      '<img src="x">\n\n<a b=c=d>\nmicromark reads this as a tag\n\n<u>Section</u> is text',
      '- item\n\n  <div>\n  in the item\n- next',
    ]) {
      expectSameAsFullParser(markdown)
    }
  })

  it('leaves everything else to the full parser', () => {
    for (const markdown of [
      'text `code`',
      '```\nfenced\n```',
      '    indented code',
      '> quote',
      'Setext\n======',
      '<pre>\npreformatted\n</pre>',
      '<!-- a comment\nover lines -->',
      '<table>\n<tr><td><pre>kept\n\nlines</pre></td></tr>\n</table>',
      '![image](x.png)',
      '[ref]\n\n[ref]: /url',
      'AT&amp;T',
      'tab\tseparated',
      '[title](/url "Title")',
      '<a href="x"\nwrapped>tag</a>',
      '## closing hashes ##',
    ]) {
      expect(parseSimpleMarkdown(markdown), JSON.stringify(markdown)).toBeNull()
    }
  })

  it('agrees with the full parser on random Markdown made of the subset', () => {
    const atoms = [
      'foo',
      ' ',
      '\n',
      '\n\n',
      '*',
      '**',
      '_',
      '__',
      '- ',
      '1. ',
      '2) ',
      '  ',
      '    ',
      '# ',
      '[',
      ']',
      '](u)',
      '\\*',
      '\\',
      '<u>',
      '</u>',
      '<!-- -->',
      '---',
      '.',
      '“',
      '中',
      '\u00a0',
      '  \n',
    ]
    let seed = 20240611
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      return seed / 2 ** 32
    }
    let read = 0
    for (let run = 0; run < 1500; run++) {
      let markdown = ''
      const length = 1 + Math.floor(random() * 20)
      for (let i = 0; i < length; i++) markdown += atoms[Math.floor(random() * atoms.length)]
      const fast = parseSimpleMarkdown(markdown)
      if (!fast) continue
      read++
      expect(shape(fast), JSON.stringify(markdown)).toEqual(shape(fullTree(markdown)))
    }
    expect(read).toBeGreaterThan(500)
  })
})
