// The escaping every repository string goes through before it reaches a PR comment.
import { describe, expect, it } from 'vitest'
import {
  breakAutolinks,
  codeHtml,
  codeText,
  escapeHtml,
  escapeMarkdown,
  escapeTableCell,
  link,
  normalizeText,
  safeUrl,
  truncate
} from '../../src/report/escape.js'

const ZWSP = '&#8203;'

describe('normalizeText', () => {
  it('collapses newlines and tabs into one space', () => {
    expect(normalizeText('a\r\n\n\tb  c')).toBe('a b c')
  })

  it('drops control characters and bidirectional overrides', () => {
    expect(normalizeText('a\u0000b\u202Ec\u2066d\u007f')).toBe('abcd')
  })

  it('replaces a lone surrogate', () => {
    expect(normalizeText('a\uD800b')).toBe('a\uFFFDb')
    expect(normalizeText('😀')).toBe('😀')
  })
})

describe('breakAutolinks', () => {
  it('breaks mentions, team mentions and e-mail addresses', () => {
    expect(breakAutolinks('@octocat @org/team a@b.io')).toBe(
      '@\u200Boctocat @\u200Borg/team a@\u200Bb.io'
    )
  })

  it('breaks issue references', () => {
    expect(breakAutolinks('#12 owner/repo#3 GH-4')).toBe('#\u200B12 owner/repo#\u200B3 GH-\u200B4')
  })

  it('breaks URLs and www autolinks', () => {
    expect(breakAutolinks('https://x.io www.x.io')).toBe('https:\u200B//x.io www\u200B.x.io')
  })

  it('breaks emoji shortcodes but leaves port specs and interpolation readable', () => {
    expect(breakAutolinks(':rocket:')).toBe(':\u200Brocket:')
    expect(breakAutolinks('127.0.0.1:8080:80')).toBe('127.0.0.1:8080:80')
    expect(breakAutolinks('${PORT:-8080}')).toBe('${PORT:-8080}')
  })
})

describe('escapeMarkdown', () => {
  it('leaves ordinary names alone', () => {
    expect(escapeMarkdown('deploy/kube-system/ingress.yaml')).toBe(
      'deploy/kube-system/ingress.yaml'
    )
  })

  it('escapes emphasis, code, links, strikethrough, math and headings', () => {
    expect(escapeMarkdown('*a* _b_ `c` [d](e) ~f~ $g$ \\')).toBe(
      '\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\~f\\~ \\$g\\$ \\\\'
    )
    expect(escapeMarkdown('# title')).toBe('\\# title')
  })

  it('turns HTML into text, so no tag and no comment survives', () => {
    expect(escapeMarkdown('<!-- port-hygiene --><img src=x>')).toBe(
      '&lt;!-- port-hygiene --&gt;&lt;img src=x&gt;'
    )
  })

  it('escapes ampersands, so an entity in a name cannot decode into markup', () => {
    expect(escapeMarkdown('&lt;b&gt; &#64;user')).toBe('&amp;lt;b&amp;gt; &amp;\\#&#8203;64;user')
  })

  it('breaks mentions and issue references visibly in the source', () => {
    expect(escapeMarkdown('@org/team #12')).toBe(`@${ZWSP}org/team \\#${ZWSP}12`)
  })

  it('keeps the text on one line', () => {
    expect(escapeMarkdown('a\n# b\n---')).toBe('a \\# b ---')
  })
})

describe('escapeTableCell', () => {
  it('escapes every pipe and backtick, so the row keeps its columns', () => {
    expect(escapeTableCell('a|b`|`c')).toBe('a\\|b\\`\\|\\`c')
  })

  it('keeps a pipe after an escaped backslash escaped', () => {
    expect(escapeTableCell('a\\|b')).toBe('a\\\\\\|b')
  })
})

describe('escapeHtml', () => {
  it('uses entities, since backslashes show literally inside an HTML block', () => {
    expect(escapeHtml('<b>"x" & \'y\' *z*')).toBe('&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39; *z*')
  })

  it('breaks mentions with an entity', () => {
    expect(escapeHtml('@org')).toBe(`@${ZWSP}org`)
  })
})

describe('codeText and codeHtml', () => {
  it('wrap escaped text in our own code tag', () => {
    expect(codeText('a`b|c')).toBe('<code>a\\`b\\|c</code>')
    expect(codeHtml('a<b')).toBe('<code>a&lt;b</code>')
  })
})

describe('safeUrl and link', () => {
  it('accepts http(s) URLs and percent-encodes what would end the link', () => {
    expect(safeUrl('https://github.com/o/r/blob/s/a (1)|<b>.yaml#L3')).toBe(
      'https://github.com/o/r/blob/s/a%20%281%29%7C%3Cb%3E.yaml#L3'
    )
  })

  it('keeps existing escapes', () => {
    expect(safeUrl('https://x.io/a%20b')).toBe('https://x.io/a%20b')
  })

  it('rejects other schemes', () => {
    expect(safeUrl('javascript:alert(1)')).toBeUndefined()
    expect(link('text', 'javascript:alert(1)')).toBe('text')
  })

  it('renders text alone without a URL', () => {
    expect(link('text', undefined)).toBe('text')
    expect(link('text', 'https://x.io/')).toBe('[text](https://x.io/)')
  })
})

describe('truncate', () => {
  it('cuts long strings with an ellipsis, never inside a surrogate pair', () => {
    expect(truncate('abcdef', 4)).toBe('abc…')
    expect(truncate('😀😀😀', 2)).toBe('😀…')
    expect(truncate('abc', 3)).toBe('abc')
  })
})
