// Renders a golden PR comment (__tests__/report/expected/*.md) as GitHub shows it, for the
// README's picture (docs/pr-comment.png): cmark-gfm with GitHub's extensions to HTML, GitHub-like
// styles, headless Chromium driven through the DevTools protocol, a screenshot of the whole page.
// Debian: apt-get install cmark-gfm chromium. Node 20 needs --experimental-websocket:
//   node --experimental-websocket scripts/render-comment-png.mjs \
//     __tests__/report/expected/pr-12-findings.md docs/pr-comment.png 1280
/* global fetch, WebSocket, setTimeout */
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
const [input, output, width = '1100'] = process.argv.slice(2)
const folder = mkdtempSync(path.join(tmpdir(), 'port-hygiene-render-'))
const page = path.join(folder, 'page.html')
const markdown = readFileSync(input, 'utf8').replaceAll('<version>', 'v0.1.0')
const body = execFileSync(
  'cmark-gfm',
  ['--unsafe', '-e', 'table', '-e', 'autolink', '-e', 'tagfilter', '-t', 'html'],
  { input: markdown, encoding: 'utf8' }
)
const css = `
body { font-family: -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; font-size: 14px; line-height: 1.5; color: #1f2328; margin: 0; padding: 16px; background: #fff; }
.comment { border: 1px solid #d1d9e0; border-radius: 6px; }
.header { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px; color: #59636e; border-radius: 6px 6px 0 0; }
.header b { color: #1f2328; }
.markdown { padding: 16px; }
h3 { font-size: 1.25em; margin: 0 0 8px; } h4 { font-size: 1em; margin: 16px 0 8px; }
table { border-collapse: collapse; margin: 8px 0 16px; display: block; overflow: auto; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; vertical-align: top; }
tr:nth-child(2n) { background: #f6f8fa; } th { font-weight: 600; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 85%; background: rgba(129,139,152,0.12); padding: .2em .4em; border-radius: 6px; }
a { color: #0969da; text-decoration: none; } sub { color: #59636e; }
details { margin: 8px 0; } summary { cursor: pointer; }
`
writeFileSync(
  page,
  `<!doctype html><meta charset="utf-8"><style>${css}</style><body style="width:${width - 32}px"><div class="comment"><div class="header"><b>github-actions</b> bot commented</div><div class="markdown">${body}</div></div></body>`
)
const chrome = spawn(
  'chromium',
  [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--hide-scrollbars',
    '--remote-debugging-port=9333',
    `--window-size=${width},800`,
    'about:blank'
  ],
  { stdio: 'ignore' }
)
try {
  let targets
  for (let i = 0; i < 50 && !targets; i++) {
    await new Promise((r) => setTimeout(r, 200))
    try {
      targets = await (await fetch('http://127.0.0.1:9333/json')).json()
    } catch {
      /* not up yet */
    }
  }
  const target = targets.find((t) => t.type === 'page')
  const ws = new WebSocket(target.webSocketDebuggerUrl)
  await new Promise((r) => ws.addEventListener('open', r))
  let id = 0
  const pending = new Map()
  const events = []
  ws.addEventListener('message', (m) => {
    const d = JSON.parse(m.data)
    if (d.id) pending.get(d.id)?.(d.result)
    else events.push(d.method)
  })
  const send = (method, params = {}) =>
    new Promise((r) => {
      pending.set(++id, r)
      ws.send(JSON.stringify({ id, method, params }))
    })
  await send('Page.enable')
  await send('Page.navigate', { url: pathToFileURL(page).href })
  for (let i = 0; i < 50 && !events.includes('Page.loadEventFired'); i++)
    await new Promise((r) => setTimeout(r, 100))
  await new Promise((r) => setTimeout(r, 500))
  const metrics = await send('Page.getLayoutMetrics')
  const { width: w, height: h } = metrics.cssContentSize
  const shot = await send('Page.captureScreenshot', {
    format: 'png',
    captureBeyondViewport: true,
    clip: { x: 0, y: 0, width: Math.ceil(w), height: Math.ceil(h), scale: 1 }
  })
  writeFileSync(output, Buffer.from(shot.data, 'base64'))
  console.log('wrote', output, Math.ceil(w), Math.ceil(h))
  ws.close()
} finally {
  chrome.kill()
  rmSync(folder, { recursive: true, force: true })
}
