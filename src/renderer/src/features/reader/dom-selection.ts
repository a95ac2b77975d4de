/**
 * The page's text selection as a passage of one paragraph. Each paragraph is
 * an `li[data-index]` of the paragraph list, its text in a
 * `[data-paragraph-text]` container; offsets are counted over the text nodes
 * in that container only (selection-offsets), so the paragraph's number, its
 * tag chips and the marks inside the text never shift them.
 */
import {
  classifySelection,
  clampedOffset,
  trimPassage,
  type ParagraphSelection,
} from './selection-offsets'

export const TEXT_ATTRIBUTE = 'data-paragraph-text'

export type ReadSelection = { selection: ParagraphSelection; rect: DOMRect }

/**
 * The selection inside `list`, or null when there is none or it lies wholly
 * outside the paragraphs. `textOf(i)` is paragraph i's text.
 */
export function readParagraphSelection(
  list: HTMLElement,
  textOf: (index: number) => string,
): ReadSelection | null {
  const selection = window.getSelection()
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null
  const range = selection.getRangeAt(0)
  if (!range.intersectsNode(list)) return null
  const start = endpoint(list, range.startContainer, range.startOffset)
  const end = endpoint(list, range.endContainer, range.endOffset)
  const found = classifySelection(start, end, (i) => textOf(i).length)
  if (!found) return null
  if (found.kind === 'paragraph') {
    const trimmed = trimPassage(textOf(found.index), found.start, found.end)
    if (!trimmed) return null
    return { selection: { ...found, ...trimmed }, rect: range.getBoundingClientRect() }
  }
  return { selection: found, rect: range.getBoundingClientRect() }
}

function endpoint(
  list: HTMLElement,
  node: Node,
  offset: number,
): { paragraph: number | null; offset: number } {
  const element = node instanceof Element ? node : node.parentElement
  const item = element?.closest('li[data-index]')
  if (!item || !list.contains(item) || !(item instanceof HTMLElement)) {
    return { paragraph: null, offset: 0 }
  }
  const index = Number(item.dataset.index)
  const container = item.querySelector(`[${TEXT_ATTRIBUTE}]`)
  if (!container) return { paragraph: index, offset: 0 }
  const isBefore =
    node !== container &&
    !container.contains(node) &&
    (container.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_PRECEDING) !== 0
  return {
    paragraph: index,
    offset: clampedOffset(container, node, offset, isBefore ? 'before' : 'after'),
  }
}

/** Selects the whole text of paragraph `index`, when it is on the page; false when it is not. */
export function selectParagraphText(list: HTMLElement, index: number): boolean {
  const container = list.querySelector(`li[data-index="${index}"] [${TEXT_ATTRIBUTE}]`)
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
