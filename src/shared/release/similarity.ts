/**
 * Telling a new version of a release from a new release, across an archive of
 * 100,000 without comparing every pair.
 *
 * Each release gets a MinHash signature of its word 4-gram shingles (Broder,
 * "On the resemblance and containment of documents", 1997). Signatures are cut
 * into bands; releases that share a band are candidates (locality-sensitive
 * hashing, as in Leskovec, Rajaraman and Ullman, "Mining of Massive Datasets",
 * ch. 3). With 16 bands of 4 rows, a pair whose shingles are 80% alike becomes
 * a candidate with probability 0.9998, and one 30% alike with 0.12. The
 * archive keeps the bands in memory (shared/release/catalog), so finding
 * candidates is a lookup. Candidates are then judged on the estimated share
 * of text.
 *
 * The rule (see `judge`): the same text is a duplicate; at least 80% of the
 * text shared is a new version; the same or a near-same title is a new
 * version only when at least half the text is shared too, because routine
 * titles repeat for unrelated releases ("Nominations Sent to the Senate"
 * appears dozens of times in the White House corpus with different content).
 */

import { base36 } from './base36'

export const SIGNATURE_SIZE = 64
const BANDS = 16
const ROWS = SIGNATURE_SIZE / BANDS
const SHINGLE_WORDS = 4

/** Share of text two releases must have in common to be versions of each other. */
export const VERSION_SHARED_TEXT = 0.8
/** With the same or a near-same title, this much shared text is enough. */
export const VERSION_SHARED_TEXT_WITH_TITLE = 0.5

export type Fingerprint = {
  /** Folded title: lower case, letters and digits only, single spaces. */
  titleKey: string
  /** Band keys for the candidate index. */
  lsh: string[]
  signature: number[]
  /** How many distinct shingles the text has (for turning resemblance into shared text). */
  shingleCount: number
}

/** What the archive (or the files of one inspection) already holds, as far as judging needs. */
export type KnownRelease = Fingerprint & {
  id: string
  title: string
  contentHash: string
}

export type Judgement<C = KnownRelease> =
  { kind: 'new' } | { kind: 'duplicate'; of: C } | { kind: 'version'; of: C; shared: number }

export function titleKey(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/**
 * Words for shingling are what `/\p{Script=Han}|[\p{L}\p{N}]+/gu` matches in the lower-cased
 * text: a Han character where a word would start is a word of its own, while a run of letters
 * and digits that has begun goes on through Han characters ("abc中文" is one word, "中文" two).
 * Each word is hashed with 32-bit FNV-1a over its UTF-16 code units.
 *
 * The text is scanned once, code unit by code unit, lower-casing and hashing in place through
 * the tables below, so that neither the lower-cased text nor any word string is ever made.
 */

/** Flags of a code unit, describing its lower-case form. */
const WORD = 1 // a letter or digit: [\p{L}\p{N}]
const HAN = 2 // \p{Script=Han} (a few Han characters, such as CJK radicals, are not letters)
/** Its lower case is not one code unit found without context: Σ (final sigma) and İ (two units). */
const SPECIAL = 4
/** The first half of a surrogate pair: the code point decides. */
const HIGH_SURROGATE = 8
/** The table block holding this code unit has not been filled yet. */
const UNFILLED = 16

const WORD_RE = /^[\p{L}\p{N}]$/u
const HAN_RE = /^\p{Script=Han}$/u

function wordFlags(char: string): number {
  return (WORD_RE.test(char) ? WORD : 0) | (HAN_RE.test(char) ? HAN : 0)
}

/**
 * For every code unit, its lower case (in the bits above the lowest 8) and its flags (in the
 * lowest 8), so that one lookup gives both. Blocks of 256 code units are filled when a text
 * first uses them: testing all 65,536 up front would slow every start-up for the sake of
 * scripts most archives never contain.
 */
const CODE_UNITS = new Int32Array(0x10000).fill(UNFILLED)
/** Flags that send a code unit to the slow path. */
const UNCOMMON = UNFILLED | SPECIAL | HIGH_SURROGATE

function fillBlock(code: number): void {
  const start = code & 0xff00
  for (let unit = start; unit < start + 0x100; unit++) {
    if (unit >= 0xd800 && unit <= 0xdfff) {
      // A low surrogate on its own is no letter; one after a high surrogate is read with it.
      CODE_UNITS[unit] = (unit << 8) | (unit <= 0xdbff ? HIGH_SURROGATE : 0)
      continue
    }
    const lower = String.fromCharCode(unit).toLowerCase()
    CODE_UNITS[unit] =
      lower.length !== 1 || unit === 0x03a3
        ? (unit << 8) | SPECIAL
        : (lower.charCodeAt(0) << 8) | wordFlags(lower)
  }
}

/** Offset basis and prime of 32-bit FNV-1a. */
const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193

/**
 * Writes the hashes of the words of `text` into `hashes` from index `count` on, and returns
 * the new count. Returns -1 instead when the text holds a character whose lower case depends on
 * its context or is longer than itself (Σ, İ): the caller then passes the text lower-cased as a
 * whole, with `lowered` set.
 */
function addWordHashes(text: string, lowered: boolean, hashes: Int32Array, count: number): number {
  let hash = 0
  let inWord = false
  const length = text.length
  for (let i = 0; i < length; i++) {
    let entry = CODE_UNITS[text.charCodeAt(i)] as number
    let low = -1 // the second code unit of a surrogate pair, lower-cased
    if (entry & UNCOMMON) {
      if (entry & UNFILLED) {
        fillBlock(text.charCodeAt(i))
        entry = CODE_UNITS[text.charCodeAt(i)] as number
      }
      if (entry & SPECIAL) {
        if (!lowered) return -1
        // Already lower case (İ and Σ cannot remain): only its word flags are needed.
        entry = (text.charCodeAt(i) << 8) | wordFlags(text[i] as string)
      } else if (entry & HIGH_SURROGATE) {
        const next = text.charCodeAt(i + 1)
        if (next >= 0xdc00 && next <= 0xdfff) {
          // Astral characters have no context-dependent lower case.
          const pair = text.slice(i, i + 2)
          const lower = lowered ? pair : pair.toLowerCase()
          entry = (lower.charCodeAt(0) << 8) | wordFlags(lower)
          low = lower.length > 1 ? lower.charCodeAt(1) : -1
          i++
        } else {
          entry = 0 // a lone surrogate
        }
      }
    }
    const unit = entry >>> 8

    if (inWord) {
      if (entry & WORD) {
        hash = Math.imul(hash ^ unit, FNV_PRIME)
        if (low >= 0) hash = Math.imul(hash ^ low, FNV_PRIME)
        continue
      }
      hashes[count++] = hash
      inWord = false
    }
    if (entry & (HAN | WORD)) {
      hash = Math.imul(FNV_OFFSET ^ unit, FNV_PRIME)
      if (low >= 0) hash = Math.imul(hash ^ low, FNV_PRIME)
      if (entry & HAN) hashes[count++] = hash
      else inWord = true
    }
  }
  if (inWord) hashes[count++] = hash
  return count
}

/**
 * Hashes (FNV-1a, as int32) of the words of the paragraphs, as of
 * `paragraphs.join(' ').toLowerCase()`. Each paragraph can be read on its own: the joining space
 * ends any word, and to lower-casing it is the same boundary as the end of a string.
 */
function wordHashes(paragraphs: readonly string[]): Int32Array {
  let length = 0
  for (const paragraph of paragraphs) length += paragraph.length
  // Every word takes at least one code unit, and lower-casing lengthens only İ (to two units,
  // one of them not a letter), so this many words is the most there can be.
  const hashes = new Int32Array(length)
  let count = 0
  for (const paragraph of paragraphs) {
    const next = addWordHashes(paragraph, false, hashes, count)
    count = next >= 0 ? next : addWordHashes(paragraph.toLowerCase(), true, hashes, count)
  }
  return hashes.subarray(0, count)
}

/** A 32-bit mix (murmur3 finaliser) of a shingle hash with a seed. */
function mix(h: number, seed: number): number {
  let x = (h ^ seed) >>> 0
  x ^= x >>> 16
  x = Math.imul(x, 0x85ebca6b)
  x ^= x >>> 13
  x = Math.imul(x, 0xc2b2ae35)
  x ^= x >>> 16
  return x >>> 0
}

// Seeds for the 64 hash functions: fixed forever, since signatures are stored.
// WARNING: changing them (or the shingling) makes stored signatures meaningless.
const SEEDS: Int32Array = (() => {
  const seeds = new Int32Array(SIGNATURE_SIZE)
  let x = 0x9e3779b9
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    // xorshift32: a fixed, well-spread sequence.
    x ^= x << 13
    x >>>= 0
    x ^= x >>> 17
    x ^= x << 5
    x >>>= 0
    seeds[i] = x
  }
  return seeds
})()

/**
 * The distinct shingle hashes (as int32), in order of first occurrence: each shingle hashes four
 * consecutive word hashes with FNV-1a; a text of fewer than four words is one shorter shingle.
 * Duplicates are found with an open-addressing hash set (linear probing) sized to at most half
 * full.
 */
function distinctShingles(hashes: Int32Array): Int32Array {
  const count = hashes.length
  const last = Math.min(Math.max(1, count - SHINGLE_WORDS + 1), count)
  const distinct = new Int32Array(last)
  let size = 0
  const bits = Math.max(4, 32 - Math.clz32(last * 2))
  const mask = (1 << bits) - 1
  const slots = new Int32Array(mask + 1)
  const used = new Uint8Array(mask + 1)
  for (let i = 0; i < last; i++) {
    let h = FNV_OFFSET
    const end = Math.min(i + SHINGLE_WORDS, count)
    for (let j = i; j < end; j++) h = Math.imul(h ^ (hashes[j] as number), FNV_PRIME)
    let slot = Math.imul(h, 0x9e3779b1) >>> (32 - bits)
    while (used[slot] === 1 && slots[slot] !== h) slot = (slot + 1) & mask
    if (used[slot] === 0) {
      used[slot] = 1
      slots[slot] = h
      distinct[size++] = h
    }
  }
  return distinct.subarray(0, size)
}

/**
 * MinHash with 64 hash functions. Cheaper one-permutation schemes misjudge short releases
 * (a few dozen shingles), which are common in this genre, so each shingle is hashed 64 times;
 * words are hashed once and combined into shingle hashes, which keeps that affordable.
 */
export function fingerprint(title: string, paragraphs: readonly string[]): Fingerprint {
  const shingles = distinctShingles(wordHashes(paragraphs))
  // The first step of `mix` is linear over XOR: (h ^ seed) ^ ((h ^ seed) >>> 16) equals
  // (h ^ (h >>> 16)) ^ (seed ^ (seed >>> 16)), so each half is computed once, not 64 times.
  const folded = new Int32Array(shingles.length)
  for (let k = 0; k < shingles.length; k++) {
    const h = shingles[k] as number
    folded[k] = h ^ (h >>> 16)
  }
  const signature = new Array<number>(SIGNATURE_SIZE)
  for (let i = 0; i < SIGNATURE_SIZE; i += 8) minHashEight(folded, i, signature)
  return {
    titleKey: titleKey(title),
    lsh: bandKeys(signature, shingles.length),
    signature,
    shingleCount: shingles.length,
  }
}

/** A signature's band keys: none for a text without shingles, which has nothing to share. */
export function bandKeys(signature: ArrayLike<number>, shingleCount: number): string[] {
  const lsh: string[] = []
  if (shingleCount > 0) {
    for (let b = 0; b < BANDS; b++) {
      let h = 0x811c9dc5 ^ b
      for (let r = 0; r < ROWS; r++) h = mix(h, signature[b * ROWS + r] as number)
      lsh.push(`${base36(b)}.${base36(h)}`)
    }
  }
  return lsh
}

/** Sign bit: unsigned order is signed order with this bit flipped. */
const SIGN = -0x80000000

/**
 * `mix(h, seed)` from `h ^ (h >>> 16)` and `seed ^ (seed >>> 16)`, in int32 arithmetic and with
 * its sign bit flipped, so that the least unsigned value is the least signed one.
 */
function mixFolded(foldedShingle: number, foldedSeed: number): number {
  const x = Math.imul(foldedShingle ^ foldedSeed, 0x85ebca6b)
  const y = Math.imul(x ^ (x >>> 13), 0xc2b2ae35)
  return y ^ (y >>> 16) ^ SIGN
}

function foldedSeed(i: number): number {
  const seed = SEEDS[i] as number
  return seed ^ (seed >>> 16)
}

/**
 * Signature entries `i` to `i + 7`: for each of those seeds, the least `mix(shingle, seed)` over
 * the shingles, as an unsigned 32-bit number (0xffffffff when there are no shingles). This is
 * where fingerprinting spends its time (64 hashes per shingle), so the eight seeds share one
 * pass over the shingles and keep their minimums in locals, which V8 holds in registers, and
 * everything stays in int32 arithmetic, which keeps V8 on integer instructions.
 */
function minHashEight(folded: Int32Array, i: number, signature: number[]): void {
  const s0 = foldedSeed(i)
  const s1 = foldedSeed(i + 1)
  const s2 = foldedSeed(i + 2)
  const s3 = foldedSeed(i + 3)
  const s4 = foldedSeed(i + 4)
  const s5 = foldedSeed(i + 5)
  const s6 = foldedSeed(i + 6)
  const s7 = foldedSeed(i + 7)
  // 0xffffffff with its sign bit flipped.
  let m0 = ~SIGN
  let m1 = ~SIGN
  let m2 = ~SIGN
  let m3 = ~SIGN
  let m4 = ~SIGN
  let m5 = ~SIGN
  let m6 = ~SIGN
  let m7 = ~SIGN
  for (let k = 0; k < folded.length; k++) {
    const h = folded[k] as number
    m0 = Math.min(m0, mixFolded(h, s0))
    m1 = Math.min(m1, mixFolded(h, s1))
    m2 = Math.min(m2, mixFolded(h, s2))
    m3 = Math.min(m3, mixFolded(h, s3))
    m4 = Math.min(m4, mixFolded(h, s4))
    m5 = Math.min(m5, mixFolded(h, s5))
    m6 = Math.min(m6, mixFolded(h, s6))
    m7 = Math.min(m7, mixFolded(h, s7))
  }
  const minimums = [m0, m1, m2, m3, m4, m5, m6, m7]
  for (let j = 0; j < 8; j++) signature[i + j] = ((minimums[j] as number) ^ SIGN) >>> 0
}

/**
 * Estimated share of text two releases have in common: shared shingles over
 * the larger release's shingles. From the MinHash estimate J of the Jaccard
 * index, |A∩B| = J(|A|+|B|)/(1+J).
 */
export function sharedText(
  a: Pick<Candidate, 'signature' | 'shingleCount'>,
  b: Pick<Candidate, 'signature' | 'shingleCount'>,
): number {
  if (a.shingleCount === 0 || b.shingleCount === 0) return 0
  let same = 0
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a.signature[i] === b.signature[i]) same++
  const jaccard = same / SIGNATURE_SIZE
  const common = (jaccard * (a.shingleCount + b.shingleCount)) / (1 + jaccard)
  return Math.min(1, common / Math.max(a.shingleCount, b.shingleCount))
}

/** Titles that differ only by a word or two ("…Foreign Ministers" / "…Foreign Ministers (updated)"). */
export function nearSameTitle(a: string, b: string): boolean {
  if (a.length === 0 || b.length === 0) return false
  if (a === b) return true
  const wa = new Set(a.split(' '))
  const wb = new Set(b.split(' '))
  let common = 0
  for (const w of wa) if (wb.has(w)) common++
  return common / Math.max(wa.size, wb.size) >= 0.8
}

/** What judging compares a release with: a release already known, by its fingerprint. */
export type Candidate = Pick<Fingerprint, 'titleKey' | 'shingleCount'> & {
  id: string
  signature: ArrayLike<number>
  /** Absent where the caller has already ruled out the same text. */
  contentHash?: string
}

/** Decides what a prepared release is, given the releases it could be a duplicate or version of. */
export function judge<C extends Candidate = KnownRelease>(
  release: Fingerprint & { contentHash: string },
  candidates: Iterable<C>,
): Judgement<C> {
  let best: { of: C; shared: number } | null = null
  for (const candidate of candidates) {
    if (candidate.contentHash === release.contentHash) return { kind: 'duplicate', of: candidate }
    const shared = sharedText(release, candidate)
    const threshold = nearSameTitle(release.titleKey, candidate.titleKey)
      ? VERSION_SHARED_TEXT_WITH_TITLE
      : VERSION_SHARED_TEXT
    if (shared >= threshold && (best === null || shared > best.shared)) {
      best = { of: candidate, shared }
    }
  }
  return best ? { kind: 'version', ...best } : { kind: 'new' }
}

/**
 * An in-memory index of known releases by content hash, title key and band:
 * the files of one `inspect` run, or the releases of one import batch.
 */
export class ReleaseIndex {
  private readonly byHash = new Map<string, KnownRelease>()
  private readonly byTitle = new Map<string, KnownRelease[]>()
  private readonly byBand = new Map<string, KnownRelease[]>()

  add(release: KnownRelease): void {
    if (this.byHash.has(release.contentHash)) return
    this.byHash.set(release.contentHash, release)
    if (release.titleKey) push(this.byTitle, release.titleKey, release)
    for (const band of release.lsh) push(this.byBand, band, release)
  }

  candidates(release: Fingerprint & { contentHash: string }): KnownRelease[] {
    const exact = this.byHash.get(release.contentHash)
    if (exact) return [exact]
    const found = new Set<KnownRelease>()
    if (release.titleKey) for (const r of this.byTitle.get(release.titleKey) ?? []) found.add(r)
    for (const band of release.lsh) for (const r of this.byBand.get(band) ?? []) found.add(r)
    return [...found]
  }

  judge(release: Fingerprint & { contentHash: string }): Judgement {
    return judge(release, this.candidates(release))
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
