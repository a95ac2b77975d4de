import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { htmlFragmentToParagraphs, htmlToText, sniffHtmlCharset } from './html-to-text'

const corpus = join(__dirname, '../../../../shared/corpus')
const bytes = (text: string) => new TextEncoder().encode(text)
const paragraphsOf = (html: string) => htmlToText(html).text.split('\n\n')

describe('saved web page from the corpus', () => {
  const raw = readFileSync(join(corpus, 'bad/saved-web-page.html'))
  const charset = sniffHtmlCharset(raw)
  const { text, declared } = htmlToText(new TextDecoder(charset ?? 'utf-8').decode(raw))

  it('finds the declared windows-1251 charset', () => {
    expect(charset).toBe('windows-1251')
  })

  it('starts with the title and keeps the article paragraphs', () => {
    expect(declared.title).toBe('Press release on the meeting of SCO Foreign Ministers')
    expect(text.split('\n\n')).toEqual([
      'Press release on the meeting of SCO Foreign Ministers',
      'On 14 June 2019 the Council of Foreign Ministers met in Bishkek.',
      'Министры обсудили вопросы региональной безопасности.',
      'The ministers discussed «regional security» & cooperation.',
    ])
  })

  it('leaves out script, style, navigation and footer text', () => {
    for (const junk of ['track()', '.x{}', 'Home', 'Contacts', '©', 'MFA']) {
      expect(text).not.toContain(junk)
    }
  })

  it('declares no date or place: the page states them only in its body', () => {
    expect(declared.date).toBeUndefined()
    expect(declared.place).toBeUndefined()
  })
})

describe('htmlToText on hostile markup', () => {
  it('keeps escaped markup as literal text and drops real scripts', () => {
    const html =
      '<article><p>Say &lt;script&gt;alert(1)&lt;/script&gt; &amp;nbsp; here</p>' +
      '<script>document.cookie</script><p onclick="steal()">Next</p></article>'
    expect(paragraphsOf(html)).toEqual(['Say <script>alert(1)</script> &nbsp; here', 'Next'])
  })

  it('decodes numeric and named entities to characters', () => {
    const [p] = paragraphsOf('<p>10&#x202F;000 &#8212; caf&eacute;&nbsp;bar</p>')
    expect(p).toBe('10\u202f000 \u2014 café\u00a0bar')
  })

  it('ignores comments, CDATA and processing instructions', () => {
    const html = '<p>one<!-- <p>hidden</p> --> two<![CDATA[ secret ]]></p><?php evil() ?>'
    expect(htmlToText(html).text).toBe('one two')
  })

  it('survives unclosed tags', () => {
    expect(paragraphsOf('<body><p>first<p>second<div><b>bold <i>both')).toEqual([
      'first',
      'second',
      'bold both',
    ])
  })

  it('does not let an unclosed script swallow text before it, nor run it', () => {
    expect(htmlToText('<p>Visible</p><script>alert(1)').text).toBe('Visible')
  })

  it('takes the outermost article when articles nest, and its nested articles too', () => {
    const html =
      '<body><p>outside</p><article><h1>Main</h1><p>Body</p>' +
      '<article><p>Quoted note</p></article></article></body>'
    expect(paragraphsOf(html)).toEqual(['Main', 'Body', 'Quoted note'])
  })

  it('takes the longest of several sibling articles (teasers are articles too)', () => {
    const html =
      '<article><p>Teaser</p></article>' +
      '<article><h1>Release</h1><p>The full text of the release, much longer.</p></article>'
    expect(paragraphsOf(html)[0]).toBe('Release')
    expect(htmlToText(html).text).not.toContain('Teaser')
  })

  it('copes with huge attribute values and deep nesting', () => {
    const huge = `<p title="${'x'.repeat(2_000_000)}">after huge</p>`
    expect(htmlToText(huge).text).toBe('after huge')
    const deep = '<div>'.repeat(20_000) + 'deep text' + '</div>'.repeat(20_000)
    expect(htmlToText(deep).text).toBe('deep text')
  })

  it('drops hidden elements, landmarks and controls', () => {
    const html =
      '<main><div hidden>h1</div><p aria-hidden="true">h2</p><p style="display: none">h3</p>' +
      '<div role="navigation">menu</div><div role="banner">banner</div>' +
      '<form><label>Search</label><input value="q"></form><button>Share</button>' +
      '<select><option>EN</option></select><aside>related</aside><noscript>enable js</noscript>' +
      '<template><p>tpl</p></template><svg><text>chart</text></svg><iframe>frame</iframe>' +
      '<p>kept</p></main>'
    expect(htmlToText(html).text).toBe('kept')
  })

  it('drops the page header but keeps the header of an article', () => {
    const html =
      '<body><header><h1>Ministry of Foreign Affairs</h1></header>' +
      '<article><header><h1>Joint statement</h1><time datetime="2017-06-09">9 June</time></header>' +
      '<p>Text.</p><footer>Share</footer></article></body>'
    const result = htmlToText(html)
    expect(result.text.split('\n\n')).toEqual(['Joint statement', '9 June', 'Text.'])
    expect(result.declared).toEqual({ title: 'Joint statement', date: '2017-06-09' })
  })
})

describe('htmlToText structure', () => {
  it('writes headings, list items and table rows as paragraphs', () => {
    const html =
      '<main><h2>Results</h2><ul><li>one</li><li>two<ol start="3"><li>three</li><li>four</li>' +
      '</ol></li></ul><table><tr><th>State</th><th>People</th></tr><tr><td>Alabama</td>' +
      '<td>373,000</td></tr></table><p>line<br>break</p></main>'
    expect(paragraphsOf(html)).toEqual([
      'Results',
      'one',
      'two',
      '3. three',
      '4. four',
      'State · People',
      'Alabama · 373,000',
      'line break',
    ])
  })

  it('keeps the paragraph breaks of preformatted text', () => {
    expect(paragraphsOf('<pre>one\n  two\n\nthree</pre>')).toEqual(['one two', 'three'])
  })

  it('moves the h1 to the front when a kicker precedes it', () => {
    const html = '<article><p>Press release</p><h1>Talks in Astana</h1><p>Body</p></article>'
    expect(paragraphsOf(html)).toEqual(['Talks in Astana', 'Press release', 'Body'])
  })

  it('falls back to og:title, then to the title without the site name', () => {
    const og =
      '<head><meta property="og:title" content="Statement on Syria">' +
      '<title>Statement on Syria | MFA</title></head><body><p>Body</p></body>'
    expect(htmlToText(og).declared.title).toBe('Statement on Syria')
    expect(paragraphsOf(og)).toEqual(['Statement on Syria', 'Body'])

    const titled =
      '<title>Statement by the Spokesperson — Ministry of Foreign Affairs</title><p>x</p>'
    expect(htmlToText(titled).declared.title).toBe('Statement by the Spokesperson')

    const named =
      '<title>MFA Russia | Press release on talks</title><meta property="og:site_name" ' +
      'content="MFA Russia"><p>x</p>'
    expect(htmlToText(named).declared.title).toBe('Press release on talks')

    const hyphen = '<title>Biden-Harris Administration - Fact Sheet</title><p>x</p>'
    expect(htmlToText(hyphen).declared.title).toBe('Biden-Harris Administration - Fact Sheet')
  })

  it('reads the declared date and place from meta tags', () => {
    const html =
      '<head><meta property="article:published_time" content="2019-06-14T09:00:00+06:00">' +
      '<meta name="geo.placename" content="Bishkek"></head><body><p>x</p></body>'
    expect(htmlToText(html).declared).toEqual({ date: '2019-06-14', place: 'Bishkek' })

    const dc = '<meta name="DC.date" content="2020-03"><meta name="dc.coverage" content="Moscow">'
    expect(htmlToText(dc).declared).toEqual({ date: '2020-03', place: 'Moscow' })

    const loose = '<meta name="date" content="14 June 2019"><p>x</p>'
    expect(htmlToText(loose).declared.date).toBeUndefined()
  })

  it('reads the fragment of raw HTML in Markdown', () => {
    expect(htmlFragmentToParagraphs('<figure><img src="x.jpg" alt="photo"></figure>')).toEqual([])
    expect(
      htmlFragmentToParagraphs('<tr><td><strong>A</strong><br />b</td><td>c</td></tr>'),
    ).toEqual(['A b · c'])
  })
})

describe('sniffHtmlCharset', () => {
  it('reads meta charset and http-equiv declarations', () => {
    expect(sniffHtmlCharset(bytes('<meta charset="KOI8-R">'))).toBe('koi8-r')
    expect(sniffHtmlCharset(bytes('<META CHARSET=gb2312 />'))).toBe('gb2312')
    const equiv = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
    expect(sniffHtmlCharset(bytes(equiv))).toBe('windows-1252')
    const reversed = `<meta content='text/html;charset="utf-8"' http-equiv='content-type'>`
    expect(sniffHtmlCharset(bytes(reversed))).toBe('utf-8')
  })

  it('returns null without a declaration in the first 1024 bytes', () => {
    expect(sniffHtmlCharset(bytes('<html><p>no meta</p>'))).toBeNull()
    expect(sniffHtmlCharset(bytes(' '.repeat(1024) + '<meta charset="utf-8">'))).toBeNull()
    expect(sniffHtmlCharset(bytes('<!-- <meta charset="koi8-r"> --><p>x'))).toBeNull()
    expect(sniffHtmlCharset(bytes('<meta name="viewport" content="charset=koi8-r">'))).toBeNull()
  })

  it('reads a declared UTF-16 as UTF-8, as the HTML standard prescribes', () => {
    expect(sniffHtmlCharset(bytes('<meta charset="utf-16le">'))).toBe('utf-8')
  })
})
