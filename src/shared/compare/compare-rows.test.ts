import { describe, expect, it } from 'vitest'
import { compareRows, type CompareRow } from './compare-rows'

const P = [
  'Participants exchanged views on issues of regional security with the focus on fighting international terrorism.',
  'An important factor of regional security is the situation in Afghanistan in the context of the withdrawal.',
  'The parties stressed the importance of the UN central coordinating role and wide regional cooperation.',
  'The participants reaffirmed their support for a stable, secure, prosperous and united Afghanistan.',
]
const NEW =
  'The next meeting of the Secretaries will take place in the People’s Republic of China in 2018.'
const OTHER =
  'Delegations of the United Nations Office on Drugs and Crime participated as well this year.'

/** Each row as its cells' paragraphs: "0|0|-" (a dash for a gap), "m" after a moved one. */
function layout(rows: CompareRow[]): string[] {
  return rows.map((row) =>
    row.cells
      .map((cell) => (cell ? cell.paragraphs.join('+') + (cell.moved ? 'm' : '') : '-'))
      .join('|'),
  )
}

describe('compareRows', () => {
  it('puts aligned paragraphs of two releases in one row, a gap beside an inserted one', () => {
    const right = [P[0]!, P[1]!, NEW, P[2]!, P[3]!]
    expect(layout(compareRows([P, right]))).toEqual(['0|0', '1|1', '-|2', '2|3', '3|4'])
  })

  it('lines up three releases by the first, lone paragraphs of two releases side by side', () => {
    const second = [P[0]!, NEW, P[1]!, P[2]!]
    const third = [P[0]!, OTHER, P[1]!, P[3]!]
    expect(layout(compareRows([P, second, third]))).toEqual([
      '0|0|0',
      '-|1|1',
      '1|2|2',
      '2|3|-',
      '3|-|3',
    ])
  })

  it('gives two paragraphs of the first release one row when another joins them', () => {
    const second = [P[0]!, `${P[1]!} ${P[2]!}`, P[3]!]
    const rows = compareRows([P, second, P])
    expect(layout(rows)).toEqual(['0|0|0', '1+2|1|1+2', '3|2|3'])
    expect(rows[1]!.cells[1]).toMatchObject({ identical: false, similarity: 1 })
    expect(rows[0]!.cells[2]).toMatchObject({ identical: true })
  })

  it('marks where a moved paragraph went, in both columns', () => {
    const right = [P[0]!, P[2]!, P[1]!, P[3]!]
    const rows = compareRows([P, right])
    expect(layout(rows)).toEqual(['0|0', '1m|-', '2|1', '-|2m', '3|3'])
    expect(rows[1]!.cells[0]!.moved).toEqual({ column: 1, paragraph: 2 })
    expect(rows[3]!.cells[1]!.moved).toEqual({ column: 0, paragraph: 1 })
  })
})
