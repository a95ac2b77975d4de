/**
 * All metadata of one release, from its reading text and whatever the file
 * declared (front matter, HTML meta tags). A declared value wins over an
 * extracted one: the publisher said it outright.
 */
import { bestDate, extractDates } from './dates'
import { classifyDocType } from './doc-type'
import { extractEntities } from './entities'
import { detectLanguage } from './language'
import { extractParticipants } from './participants'
import { extractPlace } from './place'
import { extractReferences } from './references'
import type { DateMention, DeclaredMetadata, ExtractedMetadata } from './types'

export type MetadataInput = {
  title: string
  paragraphs: readonly string[]
  declared?: DeclaredMetadata
}

export function extractMetadata({
  title,
  paragraphs,
  declared = {},
}: MetadataInput): ExtractedMetadata {
  const body = [...paragraphs]
  const language = detectLanguage(`${title}\n${body.join('\n')}`)
  const dates = extractDates(body, title)
  const declaredDate = declared.date ? declaredMention(declared.date) : null
  const { organisations, countries } = extractEntities(body, title)
  return {
    docType: classifyDocType(title, body),
    language,
    dates: declaredDate
      ? [declaredDate, ...dates.filter((d) => d.iso !== declaredDate.iso)]
      : dates,
    date: declaredDate ?? bestDate(dates, body, title),
    place: declared.place ?? extractPlace(body, title, language),
    organisations,
    countries,
    participants: extractParticipants(body, title),
    references: extractReferences(body),
  }
}

function declaredMention(iso: string): DateMention {
  return { iso, end: null, text: iso, inferred: false }
}
