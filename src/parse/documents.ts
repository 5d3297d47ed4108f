// A YAML stream cut into its documents, as text: the pre-filter (prefilter.ts), the reading of a
// file document by document and the recovery after a broken document (yaml.ts) all work on these
// pieces.

// `---` or `...` at the start of a line ends a document, whatever came before (YAML 1.2
// c-forbidden).
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm

/** Offset of the first document marker line at or after `from`, if any. */
export function markerFrom(text: string, from: number): number | undefined {
  DOCUMENT_MARKER.lastIndex = from
  return DOCUMENT_MARKER.exec(text)?.index
}

/** The file cut before each document marker line; joined again they give the text back. */
export function splitDocuments(text: string): string[] {
  const chunks: string[] = []
  let start = 0
  for (
    let marker = markerFrom(text, 0);
    marker !== undefined;
    marker = markerFrom(text, marker + 3)
  ) {
    if (marker > start) chunks.push(text.slice(start, marker))
    start = marker
  }
  chunks.push(text.slice(start))
  return chunks
}

/** Every character but line breaks a space: the same offsets, lines and columns, and no content. */
export function blanked(text: string): string {
  return text.replace(/[^\r\n]/g, ' ')
}

/**
 * The piece as an empty document of the same length: its marker (if it starts with one) kept,
 * the rest blanked. Offsets, lines and columns after it are unchanged, and the document before it
 * still ends where it ended.
 */
export function blankDocument(chunk: string): string {
  const marker = markerLength(chunk)
  return chunk.slice(0, marker) + blanked(chunk.slice(marker))
}

/**
 * The piece as its marker (if it starts with one) and its line breaks: lines after it keep their
 * numbers, and without the marker the documents around it would run together (`%YAML 1.2` would
 * face a `...`). The pre-filter's left-out documents, shorter than blanked ones.
 */
export function documentLines(chunk: string): string {
  const marker = markerLength(chunk)
  return chunk.slice(0, marker) + chunk.slice(marker).replace(/[^\n]+/g, '')
}

/** 3 when the piece starts with its `---` or `...` line, else 0. */
function markerLength(chunk: string): number {
  return markerFrom(chunk, 0) === 0 ? 3 : 0
}

/** The number of `\n` in a text: how many lines a document or a prefix of a file spans. */
export function countLineBreaks(text: string): number {
  let count = 0
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++
  return count
}
