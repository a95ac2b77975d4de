/**
 * The facet panel beside search results: for each field, the values the results have and how
 * many releases have each. Clicking a value narrows the search to it; an active value is shown
 * pressed and clicking it again removes it.
 */
import { useId } from 'react'
import {
  FACET_FIELDS,
  type FacetField,
  type FacetValue,
  type Facets,
} from '../../../../shared/search/facets'
import './search-panels.css'

const HEADINGS: Record<FacetField, string> = {
  tag: 'Tags',
  type: 'Types',
  org: 'Organisations',
  country: 'Countries',
  place: 'Places',
  year: 'Years',
  lang: 'Languages',
}

const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  en: 'English',
  ru: 'Russian',
  zh: 'Chinese',
}

export type FacetPanelProps = {
  facets: Facets
  onPick: (field: FacetField, value: string) => void
  active: { field: FacetField; value: string }[]
  onRemove: (field: FacetField, value: string) => void
}

export function FacetPanel({ facets, onPick, active, onRemove }: FacetPanelProps) {
  return (
    <div className="facet-panel">
      {FACET_FIELDS.map((field) => {
        const activeValues = active.filter((a) => a.field === field).map((a) => a.value)
        const values = withActive(facets[field], activeValues)
        if (values.length === 0) return null
        return (
          <FacetSection
            key={field}
            field={field}
            values={values}
            activeValues={activeValues}
            onPick={onPick}
            onRemove={onRemove}
          />
        )
      })}
    </div>
  )
}

function FacetSection({
  field,
  values,
  activeValues,
  onPick,
  onRemove,
}: {
  field: FacetField
  values: FacetValue[]
  activeValues: string[]
  onPick: (field: FacetField, value: string) => void
  onRemove: (field: FacetField, value: string) => void
}) {
  const headingId = useId()
  return (
    <section className="facet" aria-labelledby={headingId}>
      <h3 id={headingId} className="facet-heading">
        {HEADINGS[field]}
      </h3>
      <ul className="facet-values">
        {values.map(({ value, count }) => {
          const pressed = activeValues.includes(value)
          const shown = display(field, value)
          return (
            <li key={value}>
              <button
                type="button"
                className="facet-value"
                aria-pressed={pressed}
                title={shown === value ? undefined : value}
                onClick={() => (pressed ? onRemove(field, value) : onPick(field, value))}
              >
                <span className="facet-label">{shown}</span> <span className="count">{count}</span>
              </button>
            </li>
          )
        })}
      </ul>
    </section>
  )
}

/**
 * The field's values, with any active value the counts left out (none of the results have
 * it, or it fell past the limit) added at the end, so it can still be removed.
 */
function withActive(values: FacetValue[], activeValues: string[]): FacetValue[] {
  const missing = [...new Set(activeValues)].filter(
    (value) => !values.some((v) => v.value === value),
  )
  return missing.length === 0
    ? values
    : [...values, ...missing.map((value) => ({ value, count: 0 }))]
}

function display(field: FacetField, value: string): string {
  return field === 'lang' ? (LANGUAGE_NAMES[value] ?? value) : value
}
