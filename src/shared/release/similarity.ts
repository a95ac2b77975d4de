/**
 * Telling a new version of a release from a new release, across an archive of
 * 100,000 without comparing every pair.
 *
 * Each release gets a MinHash signature of its word 4-gram shingles (Broder,
 * "On the resemblance and containment of documents", 1997). Signatures are cut
 * into bands; releases that share a band are candidates (locality-sensitive
 * hashing, as in Leskovec, Rajaraman and Ullman, "Mining of Massive Datasets",
 * ch. 3). With 16 bands of 4 rows, a pair whose shingles are 80% alike becomes
 * a candidate with probability 0.9998, and one 30% alike with 0.12; the band
 * keys are stored in a multi-entry index, so finding candidates is one index
 * query. Candidates are then judged on the estimated share of text.
 *
 * The rule (see `judge`): the same text is a duplicate; at least 80% of the
 * text shared is a new version; the same or a near-same title is a new
 * version only when at least half the text is shared too, because routine
 * titles repeat for unrelated releases ("Nominations Sent to the Senate"
 * appears dozens of times in the White House corpus with different content).
 */

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

export type Judgement =
  | { kind: 'new' }
  | { kind: 'duplicate'; of: KnownRelease }
  | { kind: 'version'; of: KnownRelease; shared: number }

export function titleKey(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** Words for shingling: letters and digits, case-folded; Han characters count one each. */
function words(text: string): string[] {
  const out: string[] = []
  const re = /\p{Script=Han}|[\p{L}\p{N}]+/gu
  for (const m of text.toLowerCase().matchAll(re)) out.push(m[0])
  return out
}

/** 32-bit FNV-1a of a string. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
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
const SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(SIGNATURE_SIZE)
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
 * MinHash with 64 hash functions. Cheaper one-permutation schemes misjudge short releases
 * (a few dozen shingles), which are common in this genre, so each shingle is hashed 64 times;
 * words are hashed once and combined into shingle hashes, which keeps that affordable.
 */
export function fingerprint(title: string, paragraphs: readonly string[]): Fingerprint {
  // Each word is hashed once; a shingle's hash combines its four word hashes.
  const hashes = words(paragraphs.join(' ')).map(fnv1a)
  const shingles = new Set<number>()
  const last = Math.max(1, hashes.length - SHINGLE_WORDS + 1)
  for (let i = 0; i < last && i < hashes.length; i++) {
    let h = 0x811c9dc5
    for (let j = i; j < i + SHINGLE_WORDS && j < hashes.length; j++) {
      h = Math.imul(h ^ (hashes[j] as number), 0x01000193) >>> 0
    }
    shingles.add(h)
  }
  const signature = new Array<number>(SIGNATURE_SIZE).fill(0xffffffff)
  for (const shingle of shingles) {
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const v = mix(shingle, SEEDS[i] as number)
      if (v < (signature[i] as number)) signature[i] = v
    }
  }
  const lsh: string[] = []
  if (shingles.size > 0) {
    for (let b = 0; b < BANDS; b++) {
      let h = 0x811c9dc5 ^ b
      for (let r = 0; r < ROWS; r++) h = mix(h, signature[b * ROWS + r] as number)
      lsh.push(`${b.toString(36)}.${h.toString(36)}`)
    }
  }
  return { titleKey: titleKey(title), lsh, signature, shingleCount: shingles.size }
}

/**
 * Estimated share of text two releases have in common: shared shingles over
 * the larger release's shingles. From the MinHash estimate J of the Jaccard
 * index, |A∩B| = J(|A|+|B|)/(1+J).
 */
export function sharedText(a: Fingerprint, b: Fingerprint): number {
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

/** Decides what a prepared release is, given the releases it could be a duplicate or version of. */
export function judge(
  release: Fingerprint & { contentHash: string },
  candidates: Iterable<KnownRelease>,
): Judgement {
  let best: { of: KnownRelease; shared: number } | null = null
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
