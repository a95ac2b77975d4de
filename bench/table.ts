/** Plain-text tables for the terminal: numbers right-aligned, text left-aligned. */

export type Column = { header: string; align?: 'left' | 'right' }

export function formatTable(columns: Column[], rows: string[][]): string {
  const widths = columns.map((c, i) =>
    Math.max(c.header.length, ...rows.map((r) => (r[i] ?? '').length)),
  )
  const cell = (text: string, i: number) =>
    columns[i]?.align === 'left' ? text.padEnd(widths[i]!) : text.padStart(widths[i]!)
  const line = (cells: string[]) => cells.map(cell).join('  ').trimEnd()
  return [
    line(columns.map((c) => c.header)),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(columns.map((_, i) => r[i] ?? ''))),
  ].join('\n')
}

/** 12,345 with thousands separators and the given decimals; '–' when missing. */
export function formatNumber(value: number | undefined, decimals = 0): string {
  if (value === undefined || !Number.isFinite(value)) return '–'
  return value.toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  })
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** A workload size as the tables name it: 10k for 10,000; other sizes as they are. */
export function shortSize(n: number): string {
  return n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n)
}

/** Rounded to one decimal, for a row's value. */
export function round1(value: number): number {
  return Math.round(value * 10) / 10
}
