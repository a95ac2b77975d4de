import { describe, expect, it } from 'vitest'
import { diffByParagraph, wordDiff, type DiffPart } from './word-diff'

// The SCO's 2017 release and its changed version (../shared/corpus/bad/new-version-of-seed.txt).
const BEFORE =
  'The National Security Council secretaries exchanged views on security and stability within the SCO space in a traditionally friendly and constructive atmosphere.'
const AFTER =
  'The National Security Council secretaries exchanged views on security and stability within the SCO space in a friendly, constructive and businesslike atmosphere.'

const changes = (parts: DiffPart[]) => parts.filter((p) => p.kind !== 'same')
const side = (parts: DiffPart[], kind: 'deleted' | 'inserted') =>
  parts
    .filter((p) => p.kind === 'same' || p.kind === kind)
    .map((p) => p.text)
    .join('')

describe('wordDiff', () => {
  it('marks whole words deleted and inserted, and gives back both texts', () => {
    const parts = wordDiff(BEFORE, AFTER)
    expect(side(parts, 'deleted')).toBe(BEFORE)
    expect(side(parts, 'inserted')).toBe(AFTER)
    expect(changes(parts)).toEqual([
      { kind: 'deleted', text: 'traditionally friendly' },
      { kind: 'inserted', text: 'friendly, constructive' },
      { kind: 'deleted', text: 'constructive' },
      { kind: 'inserted', text: 'businesslike' },
    ])
    expect(parts[0]).toEqual({
      kind: 'same',
      text: 'The National Security Council secretaries exchanged views on security and stability within the SCO space in a ',
    })
  })

  it('shows a word replaced and words added', () => {
    const parts = wordDiff(
      "The next meeting will take place in the People's Republic of China.",
      "The next meeting will take place in Qingdao, People's Republic of China, in 2018.",
    )
    expect(changes(parts).map((p) => `${p.kind}:${p.text}`)).toEqual([
      'deleted:the ',
      'inserted:Qingdao, ',
      'inserted:, in 2018',
    ])
  })

  it('has no changes for the same text, and all of it for nothing in common', () => {
    expect(wordDiff(BEFORE, BEFORE)).toEqual([{ kind: 'same', text: BEFORE }])
    expect(wordDiff('', 'Астана')).toEqual([{ kind: 'inserted', text: 'Астана' }])
    expect(wordDiff('上海合作组织', '')).toEqual([{ kind: 'deleted', text: '上海合作组织' }])
  })
})

describe('diffByParagraph', () => {
  it('puts each change on the paragraph it falls in, in that paragraph’s offsets', () => {
    const before = 'The sides held talks in a friendly atmosphere. They signed two agreements.'
    const after = [
      'The sides held talks in a businesslike atmosphere.',
      'They signed three agreements.',
    ]
    const [first, second] = diffByParagraph(before, after)
    const text = (p: string, r: { start: number; end: number }) => p.slice(r.start, r.end)
    expect(first!.inserted.map((r) => text(after[0]!, r))).toEqual(['businesslike'])
    expect(first!.deleted).toEqual([{ at: after[0]!.indexOf('businesslike'), text: 'friendly' }])
    expect(second!.inserted.map((r) => text(after[1]!, r))).toEqual(['three'])
    expect(second!.deleted).toEqual([{ at: after[1]!.indexOf('three'), text: 'two' }])
  })

  it('has nothing to mark for the same text', () => {
    expect(diffByParagraph('One. Two.', ['One.', 'Two.'])).toEqual([
      { inserted: [], deleted: [] },
      { inserted: [], deleted: [] },
    ])
  })
})
