import { describe, expect, it } from 'vitest'
import {
  clampedOffset,
  classifySelection,
  textOffset,
  trimPassage,
  type TreeNode,
} from './selection-offsets'

const text = (value: string): TreeNode => ({ nodeType: 3, nodeValue: value, childNodes: [] })
const element = (...children: TreeNode[]): TreeNode => ({
  nodeType: 1,
  nodeValue: null,
  childNodes: children,
})

describe('textOffset', () => {
  // <p>The parties <mark>condemned <mark>terror</mark></mark>ism firmly.</p>
  const t1 = text('The parties ')
  const t2 = text('condemned ')
  const t3 = text('terror')
  const t4 = text('ism firmly.')
  const inner = element(t3)
  const outer = element(t2, inner)
  const p = element(t1, outer, t4)
  const whole = 'The parties condemned terrorism firmly.'

  it('counts the text of every node before the point', () => {
    expect(textOffset(p, t1, 4)).toBe(4)
    expect(textOffset(p, t2, 0)).toBe(whole.indexOf('condemned'))
    expect(textOffset(p, t3, 3)).toBe(whole.indexOf('ror'))
    expect(textOffset(p, t4, 3)).toBe(whole.indexOf(' firmly'))
  })

  it('reads a point in an element as a count of its children', () => {
    expect(textOffset(p, p, 0)).toBe(0)
    expect(textOffset(p, p, 1)).toBe('The parties '.length)
    expect(textOffset(p, p, 3)).toBe(whole.length)
    expect(textOffset(p, outer, 1)).toBe(whole.indexOf('terror'))
  })

  it('is null for a point outside the container', () => {
    const number = text('12')
    element(number, p)
    expect(textOffset(p, number, 1)).toBeNull()
  })

  it('puts a point outside the container at its start or its end', () => {
    const number = text('12')
    expect(clampedOffset(p, number, 1, 'before')).toBe(0)
    expect(clampedOffset(p, number, 1, 'after')).toBe(whole.length)
    expect(clampedOffset(p, t4, 3, 'after')).toBe(whole.indexOf(' firmly'))
  })
})

describe('textOffset over a diff', () => {
  // <p>the <del>traditionally </del><ins>friendly, </ins>spirit</p>: the text is "the friendly, spirit".
  const t1 = text('the ')
  const gone = text('traditionally ')
  const del: TreeNode = { ...element(gone), nodeName: 'DEL' }
  const added = text('friendly, ')
  const ins: TreeNode = { ...element(added), nodeName: 'INS' }
  const t2 = text('spirit')
  const p = element(t1, del, ins, t2)

  it('skips deleted words and counts inserted ones', () => {
    expect(textOffset(p, added, 0)).toBe('the '.length)
    expect(textOffset(p, t2, 2)).toBe('the friendly, sp'.length)
    expect(clampedOffset(p, p, 0, 'after')).toBe(0)
    expect(clampedOffset(t2, t2, 99, 'after')).toBe('spirit'.length)
  })

  it('puts a point inside deleted words where they are shown', () => {
    expect(textOffset(p, gone, 5)).toBe('the '.length)
    expect(textOffset(p, p, 2)).toBe('the '.length)
  })
})

describe('classifySelection', () => {
  const lengths = [40, 25, 60]
  const lengthOf = (i: number) => lengths[i] as number

  it('is a passage of one paragraph, start before end whichever way it was dragged', () => {
    expect(
      classifySelection({ paragraph: 1, offset: 12 }, { paragraph: 1, offset: 3 }, lengthOf),
    ).toEqual({ kind: 'paragraph', index: 1, start: 3, end: 12 })
  })

  it('is across paragraphs when the ends are in different ones', () => {
    expect(
      classifySelection({ paragraph: 0, offset: 5 }, { paragraph: 2, offset: 3 }, lengthOf),
    ).toEqual({ kind: 'across' })
    expect(
      classifySelection({ paragraph: null, offset: 0 }, { paragraph: 2, offset: 3 }, lengthOf),
    ).toEqual({ kind: 'across' })
  })

  it('reads a selection ending at the start of the next paragraph as ending its own', () => {
    expect(
      classifySelection({ paragraph: 0, offset: 0 }, { paragraph: 1, offset: 0 }, lengthOf),
    ).toEqual({ kind: 'paragraph', index: 0, start: 0, end: 40 })
  })

  it('is nothing when empty or outside the paragraphs', () => {
    expect(
      classifySelection({ paragraph: 1, offset: 4 }, { paragraph: 1, offset: 4 }, lengthOf),
    ).toBeNull()
    expect(
      classifySelection({ paragraph: null, offset: 0 }, { paragraph: null, offset: 9 }, lengthOf),
    ).toBeNull()
  })
})

describe('trimPassage', () => {
  it('drops the spaces taken along at either end', () => {
    const p = 'the word  here'
    expect(trimPassage(p, 3, 10)).toEqual({ start: 4, end: 8 })
    expect(trimPassage(p, 8, 10)).toBeNull()
  })
})
