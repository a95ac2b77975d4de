/**
 * The report of one import: counts per outcome, then every file with its
 * outcome and reason, filterable by outcome and by text, exportable as CSV.
 * The list is virtualised: a folder of 100,000 files renders as fast as ten.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { useLiveQuery } from 'dexie-react-hooks'
import { useMemo, useRef, useState } from 'react'
import { toCsv } from '../../../../shared/text/csv'
import { useDb } from '../../app/app-context'
import { hrefFor } from '../../app/use-route'
import { downloadText } from '../../components/download'
import { formatDateTime, plural } from '../../components/format'
import type { ImportOutcome } from '../../db/records'
import { getReport, OUTCOMES, reportItems } from '../../db/repositories/import-reports-repo'
import { summariseReport } from './import-runner'

export const OUTCOME_LABELS: Record<ImportOutcome, string> = {
  imported: 'imported',
  'imported-with-warning': 'imported with a warning',
  duplicate: 'duplicate',
  version: 'new version',
  rejected: 'refused',
}

const ROW_HEIGHT = 44

export function ImportReport({ reportId, onClose }: { reportId: string; onClose: () => void }) {
  const db = useDb()
  const report = useLiveQuery(() => getReport(db, reportId), [db, reportId])
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null)
  const [text, setText] = useState('')
  const items = useLiveQuery(() => reportItems(db, reportId, outcome), [db, reportId, outcome])
  const shown = useMemo(() => {
    const needle = text.trim().toLowerCase()
    if (!items || !needle) return items ?? []
    return items.filter(
      (i) => i.fileName.toLowerCase().includes(needle) || i.message.toLowerCase().includes(needle),
    )
  }, [items, text])

  const scroller = useRef<HTMLDivElement>(null)
  // The virtualizer re-renders this component itself as it scrolls; nothing here is memoised.
  // eslint-disable-next-line react-hooks/incompatible-library
  const rows = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  })

  if (!report) return null
  const exportCsv = async () => {
    const all = await reportItems(db, reportId)
    const csv = toCsv([
      ['file', 'outcome', 'reason', 'release'],
      ...all.map((i) => [i.fileName, i.outcome, i.message, i.releaseId ?? '']),
    ])
    downloadText(`import-report-${new Date(report.startedAt).toISOString().slice(0, 10)}.csv`, csv)
  }

  return (
    <section className="import-report" aria-labelledby="import-report-title">
      <header className="import-report-header">
        <h2 id="import-report-title">Import report: {report.source}</h2>
        <p className="import-summary" role="status">
          {summariseReport(report)}
          {report.mixedScriptWords > 0 &&
            ` ${plural(report.mixedScriptWords, 'word')} mixing scripts (such as a Cyrillic letter in a Latin word) marked in the reader.`}
        </p>
        <p className="fine-print">
          {plural(report.total, 'file')} · started {formatDateTime(report.startedAt)}
          {report.error && <span className="import-error"> · stopped: {report.error}</span>}
        </p>
        <div className="report-tools">
          <div className="outcome-filter" role="group" aria-label="Show files">
            <button type="button" aria-pressed={outcome === null} onClick={() => setOutcome(null)}>
              All {report.total}
            </button>
            {OUTCOMES.filter((o) => report.counts[o] > 0).map((o) => (
              <button
                key={o}
                type="button"
                className={`outcome-${o}`}
                aria-pressed={outcome === o}
                onClick={() => setOutcome(o)}
              >
                {OUTCOME_LABELS[o]} {report.counts[o]}
              </button>
            ))}
          </div>
          <input
            type="search"
            placeholder="Filter by file or reason"
            aria-label="Filter by file or reason"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="button" onClick={() => void exportCsv()}>
            Export CSV
          </button>
          <button type="button" className="link-button" onClick={onClose}>
            Close report
          </button>
        </div>
      </header>
      <div className="report-rows" ref={scroller} role="list" aria-label="Files in this import">
        <div style={{ height: rows.getTotalSize(), position: 'relative' }}>
          {rows.getVirtualItems().map((row) => {
            const item = shown[row.index]
            if (!item) return null
            return (
              <div
                key={item.seq ?? row.index}
                role="listitem"
                className={`report-row outcome-${item.outcome}`}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${row.start}px)`,
                }}
                data-file={item.fileName}
                data-outcome={item.outcome}
              >
                <span className="report-file" title={item.fileName}>
                  {item.releaseId ? (
                    <a href={hrefFor({ view: 'release', releaseId: item.releaseId })}>
                      {item.fileName}
                    </a>
                  ) : (
                    item.fileName
                  )}
                </span>
                <span className="report-outcome">{OUTCOME_LABELS[item.outcome]}</span>
                <span className="report-reason" title={item.message}>
                  {item.message}
                </span>
              </div>
            )
          })}
        </div>
      </div>
    </section>
  )
}
