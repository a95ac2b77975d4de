/** A search document for tests: the given fields, the rest empty. */
import type { SearchDoc } from '../engine'

export function searchDoc(fields: Partial<SearchDoc> & Pick<SearchDoc, 'docNo'>): SearchDoc {
  return {
    releaseId: `r${fields.docNo}`,
    title: `Release ${fields.releaseId ?? fields.docNo}`,
    date: null,
    lang: null,
    type: null,
    place: null,
    organisations: [],
    countries: [],
    persons: [],
    length: 10,
    paragraphLengths: [2, 8],
    ...fields,
  }
}
