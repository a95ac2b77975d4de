/**
 * What the reader bench runs inside the app's page, through Playwright's
 * `page.evaluate`: the timed opening of a release, the scroll from top to
 * bottom, and the raw IndexedDB reads and writes that set the archive up.
 *
 * Playwright sends each function to the page as its source text, so a probe
 * uses nothing from this module but types: selectors and texts come in its
 * argument. The bench is type-checked with the Node configuration, which has no
 * DOM library; `PageWindow` names the part of the page's globals the probes use.
 */

/** How the bench finds what it measures in the app's DOM. */
export const SELECTORS = {
  /** A release's link in the library (LibraryList.tsx). */
  libraryLink: 'nav[aria-label="Library"] a[href^="#/release/"]',
  /**
   * The reader's scroll container (App.tsx). The scroll probe scrolls the nearest
   * scrolling ancestor of the paragraphs, which is this one unless the reader has its own.
   */
  pane: 'main.reader-pane',
  /** The release's title in the reader. */
  title: 'main h2',
  /**
   * One element per paragraph in the DOM (the numbered list of ReaderView.tsx and
   * ParagraphList.tsx); only the list's own items, not those of a paragraph's tag chips.
   */
  paragraph: 'ol[aria-label="Paragraphs"] > li',
  /**
   * A highlighted run of text (ParagraphText.tsx), and its attribute naming the
   * annotations on it, space-separated: overlapping passages share runs.
   */
  highlight: 'mark.annotation-highlight',
  highlightIds: 'data-annotation-ids',
  /** One card per placed annotation in the reader's side panel (AnnotationPanel.tsx). */
  panelItem: 'section.annotation-panel > ol.annotation-list > li',
} as const

export type Selectors = { [K in keyof typeof SELECTORS]: string }

export type OpenRequest = {
  selectors: Selectors
  /** The address of the release, '#/release/<id>'. */
  hash: string
  title: string
  /** The start of the first paragraph, as the reader shows it. */
  firstParagraph: string
  /** When set, the opening ends only when the release's annotations are shown too. */
  annotations?: {
    count: number
    /** Every paragraph's start, to tell which paragraphs a virtualised reader has rendered. */
    paragraphs: string[]
    /** The paragraph index of each annotation, by id. */
    paragraphOf: Record<string, number>
  }
  timeoutMs: number
}

/** What was on the screen when an opening was given up, or when it finished. */
export type OpenState = {
  hasTitle: boolean
  hasFirstParagraph: boolean
  paragraphs: number
  /** Distinct annotations highlighted in the reader. */
  highlighted: number
  /** The annotations a virtualised reader must highlight: those on the paragraphs it rendered. */
  highlightsDue: number
  panelItems: number
}

export type OpenResult = {
  /**
   * From setting the address to the frame after the one in which everything was
   * first seen; null when it was not seen in time.
   */
  ms: number | null
  /** From setting the address to the frame in which everything was first seen. */
  seenMs: number | null
  state: OpenState
}

export type ScrollRequest = {
  selectors: Selectors
  /** The start of the last paragraph: the scroll must end with it rendered. */
  lastParagraph: string
  timeoutMs: number
}

export type ScrollResult = {
  /** The duration of every frame of the scroll, from requestAnimationFrame timestamps. */
  frames: number[]
  /** The element scrolled, as `tag.class`. */
  scroller: string
  scrolledPx: number
  domParagraphs: number
  hasLastParagraph: boolean
  /**
   * Main-thread tasks over 50 ms during the scroll ('longtask' entries): long frames
   * without them were not the page's work but, say, a machine too busy to run it.
   */
  longTasks: number
  timedOut: boolean
}

type PageElement = {
  readonly textContent: string | null
  scrollTop: number
  readonly scrollHeight: number
  readonly clientHeight: number
  readonly parentElement: PageElement | null
  readonly tagName: string
  readonly className: string
  getAttribute(name: string): string | null
  querySelectorAll(selectors: string): ArrayLike<PageElement>
}

type IdbRequest<T> = {
  readonly result: T
  readonly error: { message: string } | null
  onsuccess: (() => void) | null
  onerror: (() => void) | null
}

type IdbTransaction = {
  objectStore(name: string): {
    readonly keyPath: string | string[] | null
    get(key: string): IdbRequest<unknown>
    put(value: unknown): IdbRequest<unknown>
    count(): IdbRequest<number>
  }
  readonly error: { message: string } | null
  oncomplete: (() => void) | null
  onerror: (() => void) | null
  onabort: (() => void) | null
}

type IdbDatabase = {
  readonly objectStoreNames: { contains(name: string): boolean }
  transaction(stores: string, mode: 'readonly' | 'readwrite'): IdbTransaction
  close(): void
}

type IdbOpenRequest = IdbRequest<IdbDatabase> & {
  readonly transaction: { abort(): void } | null
  onupgradeneeded: (() => void) | null
}

/** The page's globals the probes use. */
type PageWindow = {
  location: { hash: string }
  document: {
    querySelector(selectors: string): PageElement | null
    querySelectorAll(selectors: string): ArrayLike<PageElement>
  }
  performance: { now(): number }
  requestAnimationFrame(callback: (time: number) => void): number
  getComputedStyle(element: PageElement): { overflowY: string }
  indexedDB: { open(name: string): IdbOpenRequest }
  PerformanceObserver: new (callback: (list: { getEntries(): unknown[] }) => void) => {
    observe(options: { type: string }): void
    takeRecords(): unknown[]
    disconnect(): void
  }
  atob(data: string): string
  DataTransfer: new () => { items: { add(file: unknown): unknown } }
  File: new (parts: Uint8Array[], name: string) => unknown
}

/**
 * A DataTransfer holding the files, in the page, for a drop event: what a file
 * manager hands the window (e2e/pages/archive-page.ts drops files the same way).
 * Base64 keeps the bytes intact on their way into the page.
 */
export function makeDataTransfer(files: { name: string; base64: string }[]): unknown {
  const w = globalThis as unknown as PageWindow
  const transfer = new w.DataTransfer()
  for (const file of files) {
    const binary = w.atob(file.base64)
    const bytes = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
    transfer.items.add(new w.File([bytes], file.name))
  }
  return transfer
}

/**
 * Opens the release at `hash` and times it, in the page: from setting the
 * address until the title and the first paragraph (and, when asked, every
 * annotation's highlight and side-panel item) are in the DOM, plus one whole
 * frame. The DOM is checked in every animation frame callback, which runs
 * before that frame's style, layout and paint; the time is taken at the next
 * frame, so it counts laying out and painting what was found, and whatever
 * the main thread still does after (with every paragraph in the DOM, that
 * layout is most of the time).
 */
export async function measureOpen(request: OpenRequest): Promise<OpenResult> {
  const w = globalThis as unknown as PageWindow
  const { selectors, annotations } = request
  const inspect = (): OpenState => {
    const title = Array.from(w.document.querySelectorAll(selectors.title)).some(
      (h) => h.textContent?.trim() === request.title.trim(),
    )
    const items = w.document.querySelectorAll(selectors.paragraph)
    const first = items[0]?.textContent?.includes(request.firstParagraph) ?? false
    const state: OpenState = {
      hasTitle: title,
      hasFirstParagraph: first,
      paragraphs: items.length,
      highlighted: 0,
      highlightsDue: 0,
      panelItems: 0,
    }
    if (!annotations) return state
    state.panelItems = w.document.querySelectorAll(selectors.panelItem).length
    const ids = new Set<string>()
    for (const mark of Array.from(w.document.querySelectorAll(selectors.highlight))) {
      for (const id of (mark.getAttribute(selectors.highlightIds) ?? '').split(/\s+/))
        if (id) ids.add(id)
    }
    state.highlighted = ids.size
    // Which paragraphs are rendered: each element shows one paragraph's text.
    const rendered = new Set<number>()
    for (const item of Array.from(items)) {
      const text = item.textContent ?? ''
      const index = annotations.paragraphs.findIndex((p) => text.includes(p))
      if (index >= 0) rendered.add(index)
    }
    state.highlightsDue = Object.values(annotations.paragraphOf).filter((p) =>
      rendered.has(p),
    ).length
    return state
  }
  const isComplete = (s: OpenState) =>
    s.hasTitle &&
    s.hasFirstParagraph &&
    (!annotations ||
      (s.panelItems === annotations.count &&
        s.highlightsDue > 0 &&
        s.highlighted >= s.highlightsDue))

  const start = w.performance.now()
  w.location.hash = request.hash
  let seenAt: number | null = null
  for (;;) {
    await new Promise<number>((resolve) => w.requestAnimationFrame(resolve))
    const now = w.performance.now()
    if (seenAt !== null) return { ms: now - start, seenMs: seenAt - start, state: inspect() }
    const state = inspect()
    if (isComplete(state)) seenAt = now
    else if (now - start > request.timeoutMs) return { ms: null, seenMs: null, state }
  }
}

/**
 * Scrolls the open release from top to bottom, one viewport height per
 * animation frame, and records every frame's duration. It scrolls the nearest
 * scrolling ancestor of the paragraphs (the reader pane, unless the reader has a
 * scroller of its own), and stops once the bottom has held for two frames,
 * since a virtualised list may grow as it measures what it renders.
 */
export async function measureScroll(request: ScrollRequest): Promise<ScrollResult> {
  const w = globalThis as unknown as PageWindow
  const { selectors } = request
  const frame = () => new Promise<number>((resolve) => w.requestAnimationFrame(resolve))
  let scroller = w.document.querySelectorAll(selectors.paragraph)[0]?.parentElement ?? null
  while (
    scroller &&
    !(
      scroller.scrollHeight > scroller.clientHeight + 1 &&
      ['auto', 'scroll'].includes(w.getComputedStyle(scroller).overflowY)
    )
  )
    scroller = scroller.parentElement
  scroller ??= w.document.querySelector(selectors.pane)
  if (!scroller) throw new Error(`no scroll container: ${selectors.pane} is not in the page`)
  const el = scroller
  el.scrollTop = 0
  await frame()
  await frame()

  let longTasks = 0
  const observer = new w.PerformanceObserver((list) => {
    longTasks += list.getEntries().length
  })
  observer.observe({ type: 'longtask' })
  const frames: number[] = []
  let previous = await frame()
  const started = previous
  let scrolledPx = 0
  let atBottom = 0
  let timedOut = false
  while (atBottom < 2) {
    const before = el.scrollTop
    el.scrollTop = before + el.clientHeight
    scrolledPx += el.scrollTop - before
    const time = await frame()
    frames.push(time - previous)
    previous = time
    atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - 1 ? atBottom + 1 : 0
    if (time - started > request.timeoutMs) {
      timedOut = true
      break
    }
  }
  longTasks += observer.takeRecords().length
  observer.disconnect()
  const items = Array.from(w.document.querySelectorAll(selectors.paragraph))
  return {
    frames,
    scroller: `${el.tagName.toLowerCase()}${el.className ? '.' + el.className.split(/\s+/).join('.') : ''}`,
    scrolledPx,
    domParagraphs: items.length,
    hasLastParagraph: items.some((li) => li.textContent?.includes(request.lastParagraph)),
    longTasks,
    timedOut,
  }
}

/** Leaves the reader for the library ('#/'); waits until its paragraphs are gone, and two frames. */
export async function leaveReader(selectors: Selectors): Promise<void> {
  const w = globalThis as unknown as PageWindow
  w.location.hash = '#/'
  const started = w.performance.now()
  while (w.document.querySelectorAll(selectors.paragraph).length > 0) {
    if (w.performance.now() - started > 10_000) throw new Error('the reader did not close')
    await new Promise<number>((resolve) => w.requestAnimationFrame(resolve))
  }
  await new Promise<number>((resolve) => w.requestAnimationFrame(resolve))
  await new Promise<number>((resolve) => w.requestAnimationFrame(resolve))
}

export type ArchiveRequest = { database: string } & (
  | { read: { store: string; key: string } }
  | { put: { store: string; keyPath: string; rows: unknown[] } }
)

/** A read's row (undefined when there is none), or how many rows the store holds after a put. */
export type ArchiveAnswer = { row: unknown } | { count: number }

/**
 * Reads one row, or puts rows in one transaction, with plain IndexedDB. The
 * database is opened without a version, so the app's schema is neither upgraded
 * nor blocked, and a database that does not exist is not created.
 */
export async function inArchive(request: ArchiveRequest): Promise<ArchiveAnswer> {
  const w = globalThis as unknown as PageWindow
  const name = request.database
  const db = await new Promise<IdbDatabase>((resolve, reject) => {
    const open = w.indexedDB.open(name)
    open.onupgradeneeded = () => {
      open.transaction?.abort()
      reject(new Error(`the database ${name} does not exist`))
    }
    open.onsuccess = () => resolve(open.result)
    open.onerror = () => reject(new Error(open.error?.message ?? `${name} did not open`))
  })
  try {
    const storeName = 'read' in request ? request.read.store : request.put.store
    if (!db.objectStoreNames.contains(storeName))
      throw new Error(`the database ${name} has no ${storeName} store`)
    const tx = db.transaction(storeName, 'read' in request ? 'readonly' : 'readwrite')
    const store = tx.objectStore(storeName)
    let answer: () => ArchiveAnswer
    if ('read' in request) {
      const got = store.get(request.read.key)
      answer = () => ({ row: got.result })
    } else {
      if (store.keyPath !== request.put.keyPath)
        throw new Error(`the ${storeName} store's key path is ${String(store.keyPath)}`)
      for (const row of request.put.rows) store.put(row)
      const count = store.count()
      answer = () => ({ count: count.result })
    }
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve()
      tx.onerror = tx.onabort = () =>
        reject(new Error(tx.error?.message ?? `the transaction on ${storeName} failed`))
    })
    return answer()
  } finally {
    db.close()
  }
}
