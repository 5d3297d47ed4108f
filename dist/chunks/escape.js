'use strict';

// Escaping for GitHub-flavoured markdown. Every string that comes from the scanned repository
// (file paths, object and service names, values, messages that embed them) goes through one of
// these before it reaches a PR comment or a job summary, so that a hostile name renders as plain
// text: no markup, no raw HTML, no HTML comment (and so no fake marker), no @mention, no issue
// reference, no autolink, no math.
//
// Two facts shape the approach:
// - Markdown backslash escapes only work in markdown context. Inside an HTML block (a
//   `<summary>` line) they show literally, so that context gets HTML entities instead.
// - GitHub turns `@user`, `#123`, `GH-1`, URLs and `:emoji:` into links *after* rendering, on
//   the text nodes, so neither a backslash nor an entity stops them (both decode to the same
//   text). An invisible zero-width space (U+200B, written `&#8203;`) between the trigger and the
//   word does: the text reads the same and no longer matches. This is what Dependabot does.
const ZERO_WIDTH_SPACE = '\u200B';
/** Characters that end the line or are invisible controls: collapsed or removed so a name stays on one line. */
const WHITESPACE_RUN = /[\s\u0085]+/g;
/**
 * C0/C1 controls and bidirectional overrides (Trojan Source): a name must not reorder or hide the
 * text around it.
 */
const INVISIBLE_CONTROLS = 
// eslint-disable-next-line no-control-regex -- matching control characters is the point
/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** A UTF-16 surrogate without its pair: not encodable as UTF-8, so the API would reject the body. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Lone surrogates (possible in a file name) become U+FFFD, so the text encodes as UTF-8. */
function wellFormed(text) {
    return text.replace(LONE_SURROGATE, '\uFFFD');
}
/**
 * One line of plain text: newlines and tabs become one space; controls and bidi overrides go;
 * a lone surrogate becomes U+FFFD.
 */
function normalizeText(text) {
    return wellFormed(text.replace(WHITESPACE_RUN, ' ').replace(INVISIBLE_CONTROLS, ''));
}
/**
 * Inserts a zero-width space where GitHub would otherwise create a link or mention from plain
 * text: `@user`/`@org/team`/e-mail addresses, `#123` and `owner/repo#123`, `GH-123`, `scheme://`
 * URLs, `www.` autolinks and `:shortcode:` emoji.
 */
function breakAutolinks(text) {
    return text
        .replace(/@/g, `@${ZERO_WIDTH_SPACE}`)
        .replace(/#(?=[\p{L}\p{N}_-])/gu, `#${ZERO_WIDTH_SPACE}`)
        .replace(/\b(GH)-(?=\d)/gi, `$1-${ZERO_WIDTH_SPACE}`)
        .replace(/:\/\//g, `:${ZERO_WIDTH_SPACE}//`)
        .replace(/\b(www)\./gi, `$1${ZERO_WIDTH_SPACE}.`)
        .replace(/:(?=[a-z+-][a-z0-9_+-]*:)/gi, `:${ZERO_WIDTH_SPACE}`);
}
/** Replacements valid in markdown text, in link text and in GFM table cells. */
const MARKDOWN_REPLACEMENTS = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    [ZERO_WIDTH_SPACE]: '&#8203;',
    '\\': '\\\\',
    '`': '\\`',
    '*': '\\*',
    _: '\\_',
    '[': '\\[',
    ']': '\\]',
    '~': '\\~',
    // GFM splits table rows on every pipe not preceded by a backslash, even inside code.
    '|': '\\|',
    // GitHub renders `$\u2026$` as math; its docs give `\$` as the escape.
    $: '\\$',
    '#': '\\#'
};
const MARKDOWN_SPECIAL = /[&<>\u200B\\`*_[\]~|$#]/g;
/**
 * Plain text for a markdown context (paragraph, list item, heading, link text, table cell, the
 * inside of our own `<code>` tags): renders exactly as the text reads, with nothing live in it.
 */
function escapeMarkdown(text) {
    return breakAutolinks(normalizeText(text)).replace(MARKDOWN_SPECIAL, (char) => MARKDOWN_REPLACEMENTS[char] ?? char);
}
/**
 * Plain text for a GFM table cell. `escapeMarkdown` already escapes every pipe and collapses
 * newlines (the two things that break a row), so this is the same transformation; the separate
 * name keeps call sites explicit about their context.
 */
function escapeTableCell(text) {
    return escapeMarkdown(text);
}
const HTML_REPLACEMENTS = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;',
    [ZERO_WIDTH_SPACE]: '&#8203;'
};
/**
 * Plain text for an HTML block, where markdown is not parsed (our `<summary>` lines): entities
 * only, since a backslash there would show literally.
 */
function escapeHtml(text) {
    return breakAutolinks(normalizeText(text)).replace(/[&<>"'\u200B]/g, (char) => HTML_REPLACEMENTS[char] ?? char);
}
/** Monospace text in markdown context: our own `<code>` tag, so the content can be escaped like any text (a backtick code span cannot hold escapes). */
function codeText(text) {
    return `<code>${escapeMarkdown(text)}</code>`;
}
/**
 * A URL safe to put in a markdown link destination `(\u2026)`, or undefined when it is not an http(s)
 * URL (no `javascript:` links). Characters that would end the destination or the link, break a
 * table row or start markup are percent-encoded (`@` too: a link never needs it in the paths we
 * build, and the body then holds no `@word` at all); existing escapes are kept.
 */
function safeUrl(url) {
    if (!/^https?:\/\//i.test(url))
        return undefined;
    return url.replace(/[^A-Za-z0-9\-._~:/?#!$&+,;=%]/gu, percentEncode);
}
const utf8 = new TextEncoder();
/** UTF-8 percent-encoding of one character (a lone surrogate becomes U+FFFD, never a throw). */
function percentEncode(char) {
    return Array.from(utf8.encode(char), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}
/** `[text](url)` when the URL is usable, else the text alone. `text` must already be escaped. */
function link(text, url) {
    const safe = url === undefined ? undefined : safeUrl(url);
    return safe ? `[${text}](${safe})` : text;
}
/** Shortens a repository string before escaping, so that one hostile name cannot fill the comment. */
function truncate(text, maxLength) {
    const chars = Array.from(text);
    return chars.length <= maxLength ? text : `${chars.slice(0, maxLength - 1).join('')}\u2026`;
}

exports.codeText = codeText;
exports.escapeHtml = escapeHtml;
exports.escapeMarkdown = escapeMarkdown;
exports.escapeTableCell = escapeTableCell;
exports.link = link;
exports.safeUrl = safeUrl;
exports.truncate = truncate;
exports.wellFormed = wellFormed;
