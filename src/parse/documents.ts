// A YAML stream cut into its documents, as text: the pre-filter (prefilter.ts) and the reading of
// a file document by document (yaml.ts) both work on these pieces.

// `---` or `...` at the start of a line ends a document, whatever came before (YAML 1.2).
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm

/** The file cut before each document marker line; joined again they give the text back. */
export function splitDocuments(text: string): string[] {
  const chunks: string[] = []
  let start = 0
  DOCUMENT_MARKER.lastIndex = 0
  for (let match = DOCUMENT_MARKER.exec(text); match; match = DOCUMENT_MARKER.exec(text)) {
    if (match.index > start) chunks.push(text.slice(start, match.index))
    start = match.index
    DOCUMENT_MARKER.lastIndex = match.index + 3
  }
  chunks.push(text.slice(start))
  return chunks
}

/**
 * The piece as an empty document of the same length: its marker (if it starts with one) kept,
 * every other character but line breaks a space. Offsets, lines and columns after it are unchanged,
 * and the document before it still ends where it ended.
 */
export function blankDocument(chunk: string): string {
  const marker = /^(?:---|\.\.\.)/.test(chunk) ? 3 : 0
  return chunk.slice(0, marker) + chunk.slice(marker).replace(/[^\r\n]/g, ' ')
}
