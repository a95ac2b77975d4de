/**
 * Corrections to what the importer extracted. A corrected field is listed in
 * the release's `editedFields`, so a re-import never overwrites it.
 */
import { paragraphStarts, selectorsFor } from '../../../../shared/annotation/reading-text'
import { decodeBody } from '../../../../shared/release/body'
import {
  DOC_TYPES,
  type DateMention,
  type DocType,
  type Participant,
  type Reference,
  type ReferenceKind,
} from '../../../../shared/release/metadata/types'
import type { ArchiveDb } from '../archive-db'
import { EditRecorder, type Edit } from '../edits'
import type { AnnotationRecord, ReleaseMetadata, ReleaseRecord } from '../records'
import { markStale, staleTables } from './search-repo'

/** Each field in words, for labels and messages. */
const FIELD_WORDS: Record<keyof ReleaseMetadata, string> = {
  title: 'title',
  date: 'date',
  dateMention: 'date',
  dates: 'dates mentioned',
  place: 'place',
  type: 'document type',
  lang: 'language',
  organisations: 'organisations',
  countries: 'countries',
  participants: 'participants',
  references: 'references',
}

const REFERENCE_KINDS: readonly ReferenceKind[] = [
  'resolution',
  'treaty',
  'agreement',
  'declaration',
  'document',
]

/** The longest title a correction may give. */
const MAX_TITLE_LENGTH = 1000

/**
 * Corrects extracted metadata fields of a release. The fields are added to its
 * `editedFields`, so a re-import never overwrites them. A title correction
 * keeps `titleKey` as imported (versions are still found by the original title).
 *
 * A corrected date takes, as its mention, the phrase of the text that gives
 * that date when there is one, else none.
 */
export async function correctMetadata(
  db: ArchiveDb,
  id: string,
  patch: Partial<ReleaseMetadata>,
): Promise<Edit> {
  const clean = checkMetadata(patch)
  return db.transaction('rw', [db.releases, db.annotations, ...staleTables(db)], async () => {
    const row = await db.releases.get(id)
    if (!row) throw new Error('That release is no longer in the archive.')
    if ('date' in clean && !('dateMention' in clean)) {
      const date = clean.date ?? null
      clean.dateMention =
        date === null
          ? null
          : row.dateMention?.iso === date
            ? row.dateMention
            : (row.dates.find((d) => d.iso === date) ?? null)
    }
    const fields = (Object.keys(clean) as (keyof ReleaseMetadata)[]).filter(
      (f) => JSON.stringify(row[f]) !== JSON.stringify(clean[f]),
    )
    const words = [...new Set(fields.map((f) => FIELD_WORDS[f]))]
    const recorder = new EditRecorder()
    const label = `Correct the ${joinWords(words.length > 0 ? words : ['details'])} of “${row.title}”`
    if (fields.length === 0) return recorder.edit(label)
    const before: Partial<ReleaseRecord> = {
      editedFields: row.editedFields,
      updatedAt: row.updatedAt,
    }
    const after: Partial<ReleaseRecord> = {
      editedFields: [...new Set([...row.editedFields, ...fields])],
      updatedAt: Date.now(),
    }
    for (const f of fields) {
      Object.assign(before, { [f]: row[f] })
      Object.assign(after, { [f]: clean[f] })
    }
    await db.releases.update(id, after)
    await markStale(db, [id])
    recorder.release(id, before, after)
    if (fields.includes('title')) await followTitle(db, row, clean.title as string, recorder)
    return recorder.edit(label)
  })
}

/**
 * Positions count from the start of the reading text, which begins with the
 * title: when the title changes, the release's annotations are given the
 * selectors of the same passages under the new title. Those needing review
 * keep theirs, which point into the version they came from.
 */
async function followTitle(
  db: ArchiveDb,
  row: ReleaseRecord,
  title: string,
  recorder: EditRecorder,
): Promise<void> {
  const annotations = await db.annotations
    .where('releaseId')
    .equals(row.id)
    .filter((a) => !a.needsReview)
    .toArray()
  if (annotations.length === 0) return
  const body = decodeBody(row.body)
  const starts = paragraphStarts(row.title, body.paragraphs)
  const moved: AnnotationRecord[] = []
  for (const a of annotations) {
    const index = body.keys.indexOf(a.paragraphId.slice(row.id.length + 1))
    const paragraph = body.paragraphs[index]
    if (paragraph === undefined) continue
    const start = a.position.start - (starts[index] as number)
    const end = a.position.end - (starts[index] as number)
    if (start < 0 || end > paragraph.length || start > end) continue
    const next = { ...a, ...selectorsFor(title, body.paragraphs, index, start, end) }
    recorder.row('annotations', a.id, a, next)
    moved.push(next)
  }
  if (moved.length > 0) await db.annotations.bulkPut(moved)
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('')
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`
}

/** The patch, checked field by field and tidied (trimmed, empty text as none, lists deduplicated). */
function checkMetadata(patch: Partial<ReleaseMetadata>): Partial<ReleaseMetadata> {
  if (typeof patch !== 'object' || patch === null) throw new Error('Nothing to correct.')
  const out: Partial<ReleaseMetadata> = {}
  for (const [key, value] of Object.entries(patch) as [keyof ReleaseMetadata, unknown][]) {
    switch (key) {
      case 'title': {
        const title = typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : ''
        if (title === '') throw new Error('The title cannot be empty.')
        if (title.length > MAX_TITLE_LENGTH) {
          throw new Error(`A title can be at most ${MAX_TITLE_LENGTH} characters.`)
        }
        out.title = title
        break
      }
      case 'date':
        out.date = value === null || value === '' ? null : checkIsoDate(value, 'date')
        break
      case 'dateMention':
        out.dateMention = value === null ? null : checkDateMention(value, 'date')
        break
      case 'dates':
        if (!Array.isArray(value)) throw new Error('The dates mentioned must be a list.')
        out.dates = value.map((d) => checkDateMention(d, 'date mentioned'))
        break
      case 'type':
        if (value !== null && !(DOC_TYPES as readonly unknown[]).includes(value)) {
          throw new Error(
            `“${String(value)}” is not a document type: choose one of ${DOC_TYPES.join(', ')}.`,
          )
        }
        out.type = value as DocType | null
        break
      case 'lang': {
        const lang = optionalText(value, 'language')
        if (lang !== null && !/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(lang)) {
          throw new Error(
            `“${lang}” is not a language code: use an ISO 639-1 code such as en, ru or zh.`,
          )
        }
        out.lang = lang === null ? null : lang.toLowerCase()
        break
      }
      case 'place':
        out.place = optionalText(value, 'place')
        break
      case 'organisations':
      case 'countries':
        out[key] = textList(value, FIELD_WORDS[key])
        break
      case 'participants':
        if (!Array.isArray(value)) throw new Error('The participants must be a list.')
        out.participants = value.map(checkParticipant)
        break
      case 'references':
        if (!Array.isArray(value)) throw new Error('The references must be a list.')
        out.references = value.map(checkReference)
        break
      default:
        throw new Error(`“${String(key)}” is not a detail of a release that can be corrected.`)
    }
  }
  if (out.dateMention && 'date' in out && out.date !== out.dateMention.iso) {
    throw new Error(
      `The date ${out.date ?? '(none)'} does not match its mention “${out.dateMention.text}”.`,
    )
  }
  if (out.dateMention !== undefined && !('date' in out)) out.date = out.dateMention?.iso ?? null
  return out
}

/** An ISO date that exists: YYYY, YYYY-MM or YYYY-MM-DD. */
function checkIsoDate(value: unknown, what: string): string {
  const text = typeof value === 'string' ? value.trim() : ''
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text)
  const month = m?.[2] === undefined ? 1 : Number(m[2])
  const day = m?.[3] === undefined ? 1 : Number(m[3])
  const year = Number(m?.[1])
  // setUTCFullYear, unlike Date.UTC, takes years 0 to 99 as they are.
  const calendar = new Date(0)
  calendar.setUTCFullYear(year, month - 1, day)
  const real =
    m !== null && year > 0 && month >= 1 && month <= 12 && day >= 1 && calendar.getUTCDate() === day
  if (!real) {
    throw new Error(
      `“${String(value)}” is not a ${what}: use YYYY, YYYY-MM or YYYY-MM-DD, such as 2017-04-05.`,
    )
  }
  return text
}

function checkDateMention(value: unknown, what: string): DateMention {
  const v = value as Partial<DateMention> | null
  if (typeof v !== 'object' || v === null || typeof v.text !== 'string') {
    throw new Error(`A ${what} needs the phrase that gives it.`)
  }
  return {
    iso: checkIsoDate(v.iso, what),
    end: v.end === null || v.end === undefined ? null : checkIsoDate(v.end, what),
    text: v.text,
    inferred: v.inferred === true,
  }
}

function optionalText(value: unknown, what: string): string | null {
  if (value === null) return null
  if (typeof value !== 'string') throw new Error(`The ${what} must be text.`)
  const text = value.replace(/\s+/g, ' ').trim()
  return text === '' ? null : text
}

function textList(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new Error(`The ${what} must be a list of names.`)
  }
  const names = (value as string[]).map((v) => v.replace(/\s+/g, ' ').trim()).filter(Boolean)
  return [...new Set(names)]
}

function checkParticipant(value: unknown): Participant {
  const v = value as Partial<Participant> | null
  const name = typeof v?.name === 'string' ? v.name.replace(/\s+/g, ' ').trim() : ''
  if (name === '') throw new Error('Each participant needs a name.')
  return {
    name,
    role: optionalText(v?.role ?? null, 'role of a participant'),
    country: optionalText(v?.country ?? null, 'country of a participant'),
  }
}

function checkReference(value: unknown): Reference {
  const v = value as Partial<Reference> | null
  if (!v || !REFERENCE_KINDS.includes(v.kind as ReferenceKind)) {
    throw new Error(`Each reference needs a kind: ${REFERENCE_KINDS.join(', ')}.`)
  }
  const label = typeof v.label === 'string' ? v.label.replace(/\s+/g, ' ').trim() : ''
  if (label === '') throw new Error('Each reference needs a label.')
  return {
    kind: v.kind as ReferenceKind,
    label,
    text: typeof v.text === 'string' ? v.text : label,
    date: v.date === null || v.date === undefined ? null : checkDateMention(v.date, 'date'),
  }
}
