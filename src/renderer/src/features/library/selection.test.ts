import { describe, expect, it } from 'vitest'
import {
  EMPTY_SELECTION,
  rangeBetween,
  selectAll,
  setOne,
  setRange,
  type LibrarySelection,
} from './selection'

const list = ['a', 'b', 'c', 'd', 'e', 'f']
const sorted = (s: LibrarySelection) => [...s.ids].sort()

describe('library selection', () => {
  it('selects and unselects one row, which becomes the anchor', () => {
    const one = setOne(EMPTY_SELECTION, 'c', 2, true)
    expect(sorted(one)).toEqual(['c'])
    expect(one.anchor).toBe(2)
    const two = setOne(one, 'e', 4, true)
    expect(sorted(two)).toEqual(['c', 'e'])
    const back = setOne(two, 'c', 2, false)
    expect(sorted(back)).toEqual(['e'])
    expect(back.anchor).toBe(2)
  })

  it('leaves the selection it was given unchanged', () => {
    const one = setOne(EMPTY_SELECTION, 'a', 0, true)
    setOne(one, 'b', 1, true)
    expect(sorted(one)).toEqual(['a'])
    expect(EMPTY_SELECTION.ids.size).toBe(0)
  })

  it('covers the rows from the anchor to the clicked row in either direction', () => {
    expect(rangeBetween(1, 4)).toEqual({ from: 1, to: 4 })
    expect(rangeBetween(4, 1)).toEqual({ from: 1, to: 4 })
    expect(rangeBetween(3, 3)).toEqual({ from: 3, to: 3 })
    expect(rangeBetween(null, 5)).toEqual({ from: 5, to: 5 })
  })

  it('selects a range with shift, keeping what was selected outside it', () => {
    let s = setOne(EMPTY_SELECTION, 'f', 5, true)
    s = setOne(s, 'b', 1, true)
    const { from, to } = rangeBetween(s.anchor, 3)
    s = setRange(s, list.slice(from, to + 1), 3, true)
    expect(sorted(s)).toEqual(['b', 'c', 'd', 'f'])
    expect(s.anchor).toBe(3)
  })

  it('unselects a range when the clicked row is being unselected', () => {
    let s = selectAll(EMPTY_SELECTION, list)
    s = setOne(s, 'b', 1, false)
    const { from, to } = rangeBetween(s.anchor, 4)
    s = setRange(s, list.slice(from, to + 1), 4, false)
    expect(sorted(s)).toEqual(['a', 'f'])
  })

  it('selects the whole list and drops the anchor', () => {
    const s = selectAll(setOne(EMPTY_SELECTION, 'zz', 9, true), list)
    expect(s.ids.size).toBe(7)
    expect(s.ids.has('zz')).toBe(true)
    expect(s.anchor).toBeNull()
  })
})
