/**
 * The search bench's query set: real strings of the paragraph pool (out/bench/pool.json,
 * from ../shared/corpus), so each finds releases at every archive size but the last, and
 * how each is asked of the other engines.
 *
 * Chosen by counting pool paragraphs (en 28,009, ru 780, zh 1,209 paragraphs): "terrorism"
 * is in 326 English ones, "nuclear" and "security" together in 130, "international peace
 * and security" in 265, "cooperation" in 841, "России" in 85 Russian ones, "改革开放"
 * (reform and opening up) in 54 Chinese ones, "member" in 950. At 1,000 releases about 14
 * are Chinese and 33 Russian, each with 4-30 paragraphs, so each query still finds some;
 * the bench fails if one finds none (or if the last finds any).
 */

export type SearchQuery = {
  /** The row's metric is `q_<kind>_ms`. */
  kind: string
  /** Column header. */
  label: string
  /** As typed in the search box. */
  text: string
  /** Its words without quotes or fields: what MiniSearch, FlexSearch, ripgrep and FTS5 look for. */
  words: string
  /** A language condition (`lang:`), which MiniSearch and FlexSearch apply as a filter. */
  lang: string | null
  /**
   * How ripgrep and FTS5 search it: every word (in any of the forms the app matches it by),
   * the words in a row (a phrase), or the folded text as a fixed string.
   */
  match: 'words' | 'phrase' | 'fixed'
  /** Releases the app finds must be the files ripgrep lists, or the bench fails. */
  check: boolean
  /** The query that must find nothing. */
  none?: boolean
}

export const QUERIES: readonly SearchQuery[] = [
  {
    kind: 'word',
    label: 'word',
    text: 'terrorism',
    words: 'terrorism',
    lang: null,
    match: 'words',
    check: true,
  },
  {
    kind: 'two_words',
    label: 'two words',
    text: 'nuclear security',
    words: 'nuclear security',
    lang: null,
    match: 'words',
    check: false,
  },
  {
    kind: 'phrase',
    label: 'phrase',
    text: '"international peace and security"',
    words: 'international peace and security',
    lang: null,
    match: 'phrase',
    check: true,
  },
  {
    kind: 'field',
    label: 'field',
    text: 'cooperation lang:en',
    words: 'cooperation',
    lang: 'en',
    match: 'words',
    check: false,
  },
  {
    kind: 'russian',
    label: 'Russian',
    text: 'России',
    words: 'России',
    lang: null,
    match: 'words',
    check: false,
  },
  {
    kind: 'chinese',
    label: 'Chinese',
    text: '改革开放',
    words: '改革开放',
    lang: null,
    match: 'fixed',
    check: false,
  },
  {
    // "Member" with a Cyrillic capital М (U+041C): the app folds it to "member".
    kind: 'lookalike',
    label: 'look-alike',
    text: '\u041cember',
    words: '\u041cember',
    lang: null,
    match: 'words',
    check: false,
  },
  {
    kind: 'nohit',
    label: 'no hit',
    text: 'quasicrystalline',
    words: 'quasicrystalline',
    lang: null,
    match: 'words',
    check: false,
    none: true,
  },
]

/** The query first_result_ms times: the one word. */
export const FIRST_QUERY = QUERIES[0]!
