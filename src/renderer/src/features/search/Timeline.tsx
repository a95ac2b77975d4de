/**
 * The search results' timeline: releases per year or month as a bar chart (chart.js on a
 * canvas). Clicking a bar picks its bin. The canvas is hidden from assistive technology; a
 * visually hidden list of buttons, one per non-empty bin ("2017: 12 releases"), says the same
 * and picks the same, and shows itself while one of its buttons has the keyboard focus (see
 * .timeline-keys in search-panels.css for why it is not .visually-hidden).
 */
import { useEffect, useRef, type MouseEvent } from 'react'
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js'
import type { TimelineBin } from '../../../../shared/search/facets'
import './search-panels.css'

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip)

const FALLBACK_ACCENT = '#3b6ea5'

type BarChart = Chart<'bar', number[], string>

export type TimelineProps = {
  bins: TimelineBin[]
  granularity: 'year' | 'month'
  undated: number
  onPick: (bin: TimelineBin) => void
  selectedKey?: string | null
}

export function Timeline({
  bins,
  granularity,
  undated,
  onPick,
  selectedKey = null,
}: TimelineProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const chartRef = useRef<BarChart | null>(null)
  // The chart's handlers are made once; they read the latest bins and onPick from here.
  const binsRef = useRef(bins)
  const onPickRef = useRef(onPick)
  useEffect(() => {
    binsRef.current = bins
    onPickRef.current = onPick
  })

  useEffect(() => {
    const canvas = canvasRef.current
    if (!canvas) return
    const config: ChartConfiguration<'bar', number[], string> = {
      type: 'bar',
      data: { labels: [], datasets: [{ data: [], backgroundColor: [], borderWidth: 0 }] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: {
            grid: { display: false },
            ticks: { autoSkip: true, maxRotation: 0 },
          },
          y: {
            beginAtZero: true,
            ticks: { precision: 0, maxTicksLimit: 4 },
          },
        },
        plugins: {
          tooltip: {
            displayColors: false,
            callbacks: {
              label: (item) => releases(Number(item.raw)),
            },
          },
        },
        onHover: (event, elements) => {
          const target = event.native?.target
          if (target instanceof HTMLElement) {
            target.style.cursor = elements.length > 0 ? 'pointer' : 'default'
          }
        },
      },
    }
    const chart = new Chart(canvas, config)
    chartRef.current = chart
    return () => {
      chart.destroy()
      chartRef.current = null
    }
  }, [])

  // Runs after the effect above (effects run in order), so the first data arrives here too.
  useEffect(() => {
    const chart = chartRef.current
    if (!chart) return
    const { normal, selected } = barColours()
    const dataset = chart.data.datasets[0]
    if (!dataset) return
    chart.data.labels = bins.map((bin) => bin.label)
    dataset.data = bins.map((bin) => bin.count)
    dataset.backgroundColor = bins.map((bin) => (bin.key === selectedKey ? selected : normal))
    chart.update('none')
  }, [bins, selectedKey])

  const onCanvasClick = (event: MouseEvent<HTMLCanvasElement>): void => {
    const chart = chartRef.current
    if (!chart) return
    const elements = chart.getElementsAtEventForMode(
      event.nativeEvent,
      'nearest',
      { intersect: true },
      false,
    )
    const index = elements[0]?.index
    const bin = index === undefined ? undefined : binsRef.current[index]
    if (bin) onPickRef.current(bin)
  }

  return (
    <figure className="timeline">
      <figcaption className="timeline-caption">
        <span>{granularity === 'year' ? 'Releases by year' : 'Releases by month'}</span>
        {undated > 0 && <span className="timeline-undated">{undated} undated</span>}
      </figcaption>
      <div className="timeline-chart">
        <canvas ref={canvasRef} aria-hidden="true" onClick={onCanvasClick} />
      </div>
      <ul className="timeline-keys">
        {bins
          .filter((bin) => bin.count > 0)
          .map((bin) => (
            <li key={bin.key}>
              <button
                type="button"
                aria-pressed={bin.key === selectedKey}
                onClick={() => onPick(bin)}
              >
                {`${bin.label}: ${releases(bin.count)}`}
              </button>
            </li>
          ))}
      </ul>
    </figure>
  )
}

function releases(count: number): string {
  return `${count} ${count === 1 ? 'release' : 'releases'}`
}

/** The accent colour of the stylesheet (app/styles.css), and a darker one for the selected bin. */
function barColours(): { normal: string; selected: string } {
  const accent = getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()
  const normal = accent || FALLBACK_ACCENT
  return { normal, selected: darken(normal) ?? darken(FALLBACK_ACCENT) ?? normal }
}

/** `colour` (#rgb or #rrggbb) with each channel at 60%; null for another notation. */
function darken(colour: string): string | null {
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(colour)
  const hex = short
    ? short.slice(1, 4).map((digit) => (digit ?? '0').repeat(2))
    : /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour)?.slice(1, 4)
  if (!hex || hex.length !== 3) return null
  return (
    '#' +
    hex
      .map((channel) =>
        Math.round(parseInt(channel ?? '0', 16) * 0.6)
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')
  )
}
