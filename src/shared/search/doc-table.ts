/**
 * The indexed releases by docNo, for the engine's hot loops. DocNos are handed out in
 * increasing order as releases are indexed, so the table is an array indexed by docNo (a
 * re-indexed or deleted release leaves a hole): a lookup per matching document is an array
 * read, several times cheaper than a Map's over 100,000 documents.
 */
import type { SearchDoc } from './engine'

/** A field's values by docNo: `codes[docNo]` is the value's number in `ids`, or -1. */
export type Column = { codes: Int32Array; ids: ReadonlyMap<string, number> }

export class DocTable {
  private readonly byNo: (SearchDoc | undefined)[] = []
  /** Each document's length in tokens, -1 for none: scoring reads it without the object. */
  private lengths = new Float64Array(1024).fill(-1)
  private count = 0
  /** Columns of a field's values by docNo (`column`), dropped when a document changes. */
  private readonly columns = new Map<string, Column>()

  get size(): number {
    return this.count
  }

  get(docNo: number): SearchDoc | undefined {
    return this.byNo[docNo]
  }

  has(docNo: number): boolean {
    return this.byNo[docNo] !== undefined
  }

  /** The document's length in tokens, or -1 when the table does not have it. */
  lengthOf(docNo: number): number {
    return docNo < this.lengths.length ? this.lengths[docNo]! : -1
  }

  set(docNo: number, doc: SearchDoc): void {
    if (!Number.isSafeInteger(docNo) || docNo < 0) throw new Error(`bad docNo ${docNo}`)
    // Filled up to docNo so that the array stays a dense one, not a dictionary.
    while (this.byNo.length < docNo) this.byNo.push(undefined)
    if (this.byNo[docNo] === undefined) this.count++
    this.byNo[docNo] = doc
    this.columns.clear()
    if (docNo >= this.lengths.length) {
      const grown = new Float64Array(Math.max(docNo + 1, this.lengths.length * 2)).fill(-1)
      grown.set(this.lengths)
      this.lengths = grown
    }
    this.lengths[docNo] = doc.length
  }

  delete(docNo: number): boolean {
    if (this.byNo[docNo] === undefined) return false
    this.byNo[docNo] = undefined
    this.lengths[docNo] = -1
    this.columns.clear()
    this.count--
    return true
  }

  /**
   * A field's value for every docNo, as a number per value (-1 for none or null), built on
   * first use: a filter over tens of thousands of results reads a typed array rather than
   * each result's object.
   */
  column(name: string, valueOf: (doc: SearchDoc) => string | null): Column {
    let column = this.columns.get(name)
    if (column) return column
    const codes = new Int32Array(this.byNo.length).fill(-1)
    const ids = new Map<string, number>()
    this.byNo.forEach((doc, docNo) => {
      const value = doc && valueOf(doc)
      if (value === undefined || value === null) return
      let id = ids.get(value)
      if (id === undefined) ids.set(value, (id = ids.size))
      codes[docNo] = id
    })
    column = { codes, ids }
    this.columns.set(name, column)
    return column
  }

  /** The documents in docNo order. */
  *values(): IterableIterator<SearchDoc> {
    for (const doc of this.byNo) if (doc !== undefined) yield doc
  }
}
