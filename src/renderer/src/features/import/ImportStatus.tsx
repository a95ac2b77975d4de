import { summariseReport, type ImportReport } from './import-files'

const OUTCOME_LABEL = {
  'imported-with-warning': 'imported with a warning',
  duplicate: 'already in the archive',
  rejected: 'refused',
} as const

type Props = {
  isBusy: boolean
  report: ImportReport | null
  error: string | null
  onDismiss: () => void
}

/** What the last import did, naming every file that was not simply imported. */
export function ImportStatus({ isBusy, report, error, onDismiss }: Props) {
  const notable = report?.items.filter((item) => item.outcome !== 'imported') ?? []
  const hasContent = isBusy || report !== null || error !== null
  return (
    <section
      className={`import-status${hasContent ? '' : ' is-empty'}${error || notable.some((i) => i.outcome === 'rejected') ? ' has-problems' : ''}`}
      role="status"
      aria-label="Import status"
    >
      {isBusy && <p>Importing…</p>}
      {!isBusy && error && <p className="import-error">{error}</p>}
      {!isBusy && report && (
        <>
          <p className="import-summary">{summariseReport(report)}</p>
          {notable.length > 0 && (
            <ul className="import-problems">
              {notable.map((item, index) => (
                <li key={`${item.fileName}-${index}`}>
                  <strong>{item.fileName}</strong>:{' '}
                  {OUTCOME_LABEL[item.outcome as keyof typeof OUTCOME_LABEL]}
                  {item.message ? ` (${item.message})` : ''}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {!isBusy && hasContent && (
        <button type="button" className="link-button" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </section>
  )
}
