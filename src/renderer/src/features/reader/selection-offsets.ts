/**
 * From a selection in the page to offsets in a paragraph's text. A
 * paragraph's text is split across text nodes, highlight marks and
 * mixed-script marks, and a selection's ends are DOM boundary points (a node
 * and an offset in it: characters in a text node, children in an element), so
 * the offset in the paragraph is the length of all the text before the point
 * inside the paragraph's text container. The paragraph's number is outside
 * that container and never counts.
 *
 * The functions take any tree with the DOM's shape, so they are tested
 * without a browser.
 */

const TEXT_NODE = 3

/** The part of a DOM node these functions read. */
export type TreeNode = {
  nodeType: number
  nodeValue: string | null
  childNodes: ArrayLike<TreeNode>
  /** An element's tag name, upper case as the DOM gives it ("DEL"). */
  nodeName?: string
}

/** Deleted words shown beside the text: not part of it. */
const isDeleted = (node: TreeNode) => node.nodeName === 'DEL'

function holds(tree: TreeNode, node: TreeNode): boolean {
  if (tree === node) return true
  for (let i = 0; i < tree.childNodes.length; i++)
    if (holds(tree.childNodes[i] as TreeNode, node)) return true
  return false
}

/** Length of all the text inside a node. */
export function textLength(node: TreeNode): number {
  if (isDeleted(node)) return 0
  if (node.nodeType === TEXT_NODE) return node.nodeValue?.length ?? 0
  let total = 0
  for (let i = 0; i < node.childNodes.length; i++)
    total += textLength(node.childNodes[i] as TreeNode)
  return total
}

/**
 * The offset in `container`'s text of the boundary point (`node`, `offset`),
 * or null when `node` is not `container` or inside it.
 */
export function textOffset(container: TreeNode, node: TreeNode, offset: number): number | null {
  let before = 0
  const visit = (current: TreeNode): number | null => {
    // A point inside deleted words is where they are shown.
    if (isDeleted(current)) return holds(current, node) ? before : null
    if (current === node) {
      if (current.nodeType === TEXT_NODE) {
        return before + Math.min(Math.max(0, offset), current.nodeValue?.length ?? 0)
      }
      let inside = 0
      const children = current.childNodes
      for (let i = 0; i < Math.min(offset, children.length); i++) {
        inside += textLength(children[i] as TreeNode)
      }
      return before + inside
    }
    if (current.nodeType === TEXT_NODE) {
      before += current.nodeValue?.length ?? 0
      return null
    }
    for (let i = 0; i < current.childNodes.length; i++) {
      const found = visit(current.childNodes[i] as TreeNode)
      if (found !== null) return found
    }
    return null
  }
  return visit(container)
}

/**
 * Where a boundary point falls relative to a paragraph's text container:
 * inside it (its offset), before it (the start) or after it (the end).
 * `position` is how the point compares with the container when it is not
 * inside: the DOM's compareDocumentPosition answers it.
 */
export function clampedOffset(
  container: TreeNode,
  node: TreeNode,
  offset: number,
  position: 'before' | 'after',
): number {
  return textOffset(container, node, offset) ?? (position === 'before' ? 0 : textLength(container))
}

/** A selection as the reader understands it. */
export type ParagraphSelection =
  | { kind: 'paragraph'; index: number; start: number; end: number }
  /** Runs over more than one paragraph, or from outside the paragraphs into them. */
  | { kind: 'across' }

/**
 * Decides what a selection is, from each end's paragraph (index, or null for
 * outside the paragraphs) and offset in it. A selection that ends at the very
 * start of the next paragraph (as a triple click leaves it) is the first
 * paragraph's to its end.
 */
export function classifySelection(
  start: { paragraph: number | null; offset: number },
  end: { paragraph: number | null; offset: number },
  lengthOf: (paragraph: number) => number,
): ParagraphSelection | null {
  if (start.paragraph === null && end.paragraph === null) return null
  if (start.paragraph === null || end.paragraph === null) return { kind: 'across' }
  let endOffset = end.offset
  if (end.paragraph === start.paragraph + 1 && end.offset === 0) {
    endOffset = lengthOf(start.paragraph)
  } else if (end.paragraph !== start.paragraph) return { kind: 'across' }
  const from = Math.min(start.offset, endOffset)
  const to = Math.max(start.offset, endOffset)
  if (to <= from) return null
  return { kind: 'paragraph', index: start.paragraph, start: from, end: to }
}

/**
 * The passage without the spaces a selection often takes along at either end
 * (a double click on a word takes the space after it on some systems); null
 * when nothing but spaces was selected.
 */
export function trimPassage(text: string, start: number, end: number): TextSpan | null {
  let from = start
  let to = end
  while (from < to && /\s/u.test(text[from] as string)) from++
  while (to > from && /\s/u.test(text[to - 1] as string)) to--
  return to > from ? { start: from, end: to } : null
}

export type TextSpan = { start: number; end: number }
