/**
 * The page's text selection as a passage of one paragraph. Each paragraph is
 * an `li[data-index]` of the paragraph list, its text in a
 * `[data-paragraph-text]` container; offsets are counted over the text nodes
 * in that container only (selection-offsets), so the paragraph's number, its
 * tag chips and the marks inside the text never shift them.
 *
 * A list may hold several releases' paragraphs (the compare view): then each
 * release's items are inside an element with a `data-scope` naming it, and a
 * selection is a passage only when both its ends are in the same scope.
 */
import {
  classifySelection,
  clampedOffset,
  trimPassage,
  type ParagraphSelection,
} from './selection-offsets'

export const TEXT_ATTRIBUTE = 'data-paragraph-text'
export const SCOPE_ATTRIBUTE = 'data-scope'

/** `scope`: the `data-scope` the selected paragraph is in, or null in a list of one release. */
export type ReadSelection = { selection: ParagraphSelection; rect: DOMRect; scope: string | null }

/**
 * The selection inside `list`, or null when there is none or it lies wholly
 * outside the paragraphs. `textOf(i, scope)` is paragraph i's text (of that
 * scope's release).
 */
export function readParagraphSelection(
  list: HTMLElement,
  textOf: (index: number, scope: string | null) => string,
): ReadSelection | null {
  const selection = window.getSelection()
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null
  const range = selection.getRangeAt(0)
  if (!range.intersectsNode(list)) return null
  const start = endpoint(list, range.startContainer, range.startOffset)
  const end = endpoint(list, range.endContainer, range.endOffset)
  const rect = range.getBoundingClientRect()
  // From one release's paragraphs into another's (the compare view's columns).
  if (start.paragraph !== null && end.paragraph !== null && start.scope !== end.scope) {
    return { selection: { kind: 'across' }, rect, scope: null }
  }
  const scope = start.scope ?? end.scope
  const found = classifySelection(start, end, (i) => textOf(i, scope).length)
  if (!found) return null
  if (found.kind === 'paragraph') {
    const trimmed = trimPassage(textOf(found.index, scope), found.start, found.end)
    if (!trimmed) return null
    return { selection: { ...found, ...trimmed }, rect, scope }
  }
  return { selection: found, rect, scope }
}

function endpoint(
  list: HTMLElement,
  node: Node,
  offset: number,
): { paragraph: number | null; offset: number; scope: string | null } {
  const element = node instanceof Element ? node : node.parentElement
  const item = element?.closest('li[data-index]')
  if (!item || !list.contains(item) || !(item instanceof HTMLElement)) {
    return { paragraph: null, offset: 0, scope: null }
  }
  const index = Number(item.dataset.index)
  const scope = item.closest(`[${SCOPE_ATTRIBUTE}]`)?.getAttribute(SCOPE_ATTRIBUTE) ?? null
  const container = item.querySelector(`[${TEXT_ATTRIBUTE}]`)
  if (!container) return { paragraph: index, offset: 0, scope }
  const isBefore =
    node !== container &&
    !container.contains(node) &&
    (container.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_PRECEDING) !== 0
  return {
    paragraph: index,
    offset: clampedOffset(container, node, offset, isBefore ? 'before' : 'after'),
    scope,
  }
}

/** The paragraph item `index` (of `scope`, in a list of several releases) in `list`, when on the page. */
export function paragraphItem(
  list: HTMLElement,
  index: number,
  scope: string | null = null,
): HTMLElement | null {
  const inScope = scope === null ? '' : `[${SCOPE_ATTRIBUTE}="${CSS.escape(scope)}"] `
  return list.querySelector<HTMLElement>(`${inScope}li[data-index="${index}"]`)
}

/** Selects the whole text of paragraph `index`, when it is on the page; false when it is not. */
export function selectParagraphText(list: HTMLElement, index: number): boolean {
  const container = paragraphItem(list, index)?.querySelector(`[${TEXT_ATTRIBUTE}]`)
  const selection = window.getSelection()
  if (!container || !selection) return false
  const range = document.createRange()
  range.selectNodeContents(container)
  selection.removeAllRanges()
  selection.addRange(range)
  return true
}

export function clearSelection(): void {
  window.getSelection()?.removeAllRanges()
}
