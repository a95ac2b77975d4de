/**
 * The genre of a release: press release, statement, readout, speech, resolution and so on.
 *
 * The title decides first. English and Russian titles name the genre at their head
 * ("Joint Statement by …", "Заявление Президента …"), so the keyword that starts earliest
 * wins; Chinese titles name it at the end ("…关于政府工作报告的决议" is a resolution about a
 * report), so there the latest keyword wins. Without a telling title, the opening text
 * decides: "The Security Council," opens a resolution, an address to "Mr. President" opens
 * a speech.
 *
 * Policy for genres without a slot of their own:
 * - a fact sheet is an official statement of what a government is doing, and a presidential
 *   message is a statement for an occasion: both 'statement';
 * - a press statement ("Заявление для прессы") is a press release;
 * - Kremlin records of talks, meetings, visits and phone calls ("Телефонный разговор",
 *   "Встреча", "Переговоры", "Совещание", "Посещение") report what was discussed: 'readout';
 * - press briefings, press conferences, interviews and answers to journalists: 'remarks';
 * - letters, memoranda, proclamations, executive orders, nominations: 'other'.
 */

import type { DocType } from './types'

type Keyword = { re: RegExp; type: DocType }

// `\b` only knows ASCII letters, so word edges are spelled out for Cyrillic.
const L = '(?<![\\p{L}\\p{N}])'
const R = '(?![\\p{L}\\p{N}])'
const kw = (type: DocType, source: string): Keyword => ({ type, re: new RegExp(source, 'giu') })

// More specific phrases first: at the same position the first listed wins.
const KEYWORDS: Keyword[] = [
  kw('joint press release', `joint press release|${L}совместн\\p{L}* пресс-релиз|联合新闻稿`),
  kw(
    'press release',
    `press release|press statement|${L}пресс-релиз|${L}заявлени[ея] для (?:прессы|печати)|新闻稿|新闻公报`,
  ),
  kw('joint statement', `${L}joint (?:\\S+ )?statement|${L}совместн\\p{L}* заявлени|联合声明`),
  kw('communiqué', `${L}communiqu[eé]|${L}коммюнике|公报`),
  kw('declaration', `${L}declaration${R}|${L}декларац|宣言`),
  kw(
    'readout',
    `${L}readout${R}|${L}телефонн\\p{L}* разговор|${L}встреч[аи]${R}|${L}переговоры${R}|${L}совещани[ея]${R}|${L}заседани[ея]${R}|${L}посещени[ея]${R}|${L}беседа${R}|${L}по телефону${R}|通话|会谈|会见`,
  ),
  kw(
    'remarks',
    `${L}remarks${R}|${L}press (?:briefing|gaggle|conference|call)|${L}interview${R}|${L}пресс-конференц|${L}ответы на вопросы|${L}интервью${R}|答记者问|记者会`,
  ),
  kw(
    'speech',
    `${L}speech${R}|${L}address(?:es)? (?:by|to|of|at|before)${R}|^address${R}|${L}выступлени|${L}обращени[ея]${R}|讲话|致辞|演讲`,
  ),
  kw('resolution', `${L}resolutions?${R}|${L}резолюци|决议`),
  kw('report', `${L}report${R}|${L}доклад|${L}отч[её]т${R}|报告`),
  kw(
    'statement',
    `${L}statements?${R}|${L}fact sheet|${L}presidential message${R}|${L}заявлени[ея]${R}|声明`,
  ),
]

/** Longer "titles" are really the first paragraph of a text that has no title line. */
const MAX_TITLE = 200
/** In English and Russian the genre is named near the head of the title. */
const HEAD = 60

/**
 * All keywords in one pattern, in the same order, each in a group of its own: its first match
 * is the earliest keyword, and at one place the first listed, as when each runs on its own.
 */
const ANY_KEYWORD = new RegExp(KEYWORDS.map(({ re }) => `(${re.source})`).join('|'), 'iu')

function fromTitle(title: string): DocType | null {
  const t = title.replace(/\s+/g, ' ').trim()
  if (!t || t.length > MAX_TITLE) return null
  if (!/\p{Script=Han}/u.test(t)) {
    // The earliest keyword wins, if it starts near the head.
    const m = ANY_KEYWORD.exec(t)
    if (!m || m.index > HEAD) return null
    return KEYWORDS[m.slice(1).findIndex((group) => group !== undefined)]!.type
  }
  // Chinese: the latest keyword wins; at one place, the first listed.
  let best: { type: DocType; at: number } | null = null
  for (const { re, type } of KEYWORDS) {
    for (const m of t.matchAll(re)) {
      if (best === null || m.index > best.at) best = { type, at: m.index }
    }
  }
  return best?.type ?? null
}

// A paragraph of its own, possibly after the document symbol ("[S/1455]"); a wrapped line
// inside a speech ("…session of the\nGeneral Assembly, …") does not count.
const RESOLUTION_OPENING =
  /^\s*(?:[[(][^\])]{1,40}[\])]\s*)?(?:The (?:Security Council|General Assembly)|Совет Безопасности|Генеральная Ассамблея)\s*,/u

/**
 * How speeches to an assembly open: addressing the chair or the Assembly, congratulating on
 * the election, speaking for a delegation. Each way comes with words it cannot do without,
 * in lowercase, so that its pattern only runs over an opening that holds one of them.
 */
const SPEECH_OPENINGS: { words: string[]; re: RegExp }[] = [
  {
    words: ['mr', 'madam', 'mister'],
    re: /\b(?:Mr\.?|Madam|Madame|Mister)\s+(?:President|Chairman|Chair|Secretary-General|Speaker|Prime Minister)\b/iu,
  },
  {
    words: ['excellenc', 'majesty', 'your election', 'your assumption'],
    re: /\bYour (?:Excellency|Excellencies|Majesty|election|assumption)\b/iu,
  },
  { words: ['you, sir'], re: /\byou, Sir\b/iu },
  {
    words: ['ladies and gentlemen', 'dear colleagues', 'dear friends', 'distinguished delegates'],
    re: /\b(?:Ladies and gentlemen|Dear colleagues|Dear friends|Distinguished delegates)\b/iu,
  },
  { words: ['congratulat'], re: /\bcongratulat\w*/iu },
  { words: ['the floor'], re: /\b(?:take|taking) the floor\b/iu },
  { words: ['my delegation'], re: /\bmy delegation\b/iu },
  { words: ['i have the honour'], re: /\bI have the honour\b/iu },
  { words: ['assembly'], re: /\b(?:this|the) (?:General )?Assembly\b/iu },
  { words: ['hall', 'rostrum', 'podium'], re: /\bthis (?:Hall|rostrum|podium)\b/iu },
  { words: ['sir'], re: /\bSir\b/iu },
  { words: ['delegation of'], re: /\bdelegation of\b/iu },
  { words: ['уважаем'], re: /Уважаемы[йе]\s+господин/iu },
  { words: ['господин председатель'], re: /Господин председатель/iu },
  { words: ['дамы и господа'], re: /Дамы и господа/iu },
  { words: ['уважаемые коллеги'], re: /Уважаемые коллеги/iu },
  { words: ['各位代表'], re: /各位代表/iu },
  { words: ['同志们'], re: /同志们/iu },
]
/**
 * Letters that match another letter case-insensitively but do not lowercase to it (the long
 * s matches "s", "ᲂ" matches "о"): in an opening with one of them, every pattern runs.
 */
const FOLDS_APART = /[\u017f\u1c80-\u1c88]/

function opensSpeech(opening: string): boolean {
  const lower = opening.toLowerCase()
  const everyPattern = FOLDS_APART.test(opening)
  return SPEECH_OPENINGS.some(
    ({ words, re }) =>
      (everyPattern || words.some((word) => lower.includes(word))) && re.test(opening),
  )
}

/** The genre of a release, from its title first and then from how its text opens. */
export function classifyDocType(title: string, paragraphs: string[]): DocType {
  const byTitle = fromTitle(title)
  if (byTitle) return byTitle
  const opening = [title, ...paragraphs.slice(0, 3)]
  if (opening.some((p) => RESOLUTION_OPENING.test(p))) return 'resolution'
  if (opensSpeech(opening.join('\n').slice(0, 1500))) return 'speech'
  return 'other'
}
