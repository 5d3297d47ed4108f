// The terminal report: `path:line:col  severity  message  [rule-id]`, grouped by file, related
// locations indented below, a summary line, colours only when asked for.
import { describe, expect, it } from 'vitest'
import { renderText } from '../../src/report/text.js'
import { at, finding, k8sObject, scanResult } from '../helpers/result.js'

const ESC = '\u001b['

describe('renderText', () => {
  const result = scanResult({
    findings: [
      finding({
        ruleId: 'privileged-port',
        message: 'Host port 80/TCP of DaemonSet ingress/controller is privileged',
        location: at('k8s/ingress.yaml', 27, 15),
        object: k8sObject('DaemonSet', 'ingress', 'controller')
      }),
      finding({
        ruleId: 'duplicate-host-port',
        message: 'Host port 9100/TCP is also claimed by DaemonSet monitoring/gpu-exporter',
        location: at('k8s/node-exporter.yaml', 25, 15),
        related: [
          {
            location: at('k8s/gpu-exporter.yaml', 23, 15),
            message: 'the other claim of host port 9100/TCP'
          }
        ]
      }),
      finding({
        ruleId: 'privileged-container-port',
        severity: 'warning',
        message: 'Container port 80/TCP is below 1024',
        location: at('k8s/ingress.yaml', 9, 7)
      })
    ],
    files: [
      { file: 'k8s/ingress.yaml' },
      { file: 'k8s/node-exporter.yaml' },
      { file: 'k8s/gpu-exporter.yaml' }
    ]
  })

  it('prints one clickable line per finding, grouped by file, aligned within a file', () => {
    expect(renderText(result, { color: false })).toBe(
      [
        'k8s/ingress.yaml:9:7    warning  Container port 80/TCP is below 1024  [privileged-container-port]',
        'k8s/ingress.yaml:27:15  error    Host port 80/TCP of DaemonSet ingress/controller is privileged  [privileged-port]',
        '',
        'k8s/node-exporter.yaml:25:15  error  Host port 9100/TCP is also claimed by DaemonSet monitoring/gpu-exporter  [duplicate-host-port]',
        '    ↳ k8s/gpu-exporter.yaml:23:15  the other claim of host port 9100/TCP',
        '',
        '✖ 3 problems (2 errors, 1 warning, 0 notices) in 3 files',
        ''
      ].join('\n')
    )
  })

  it('uses no escape codes without color', () => {
    expect(renderText(result, { color: false })).not.toContain(ESC)
  })

  it('colours severities, rule ids and the summary with color', () => {
    const text = renderText(result, { color: true })
    expect(text).toContain(`${ESC}31merror  ${ESC}39m`)
    expect(text).toContain(`${ESC}33mwarning${ESC}39m`)
    expect(text).toContain(`${ESC}2m[privileged-port]${ESC}22m`)
    // the location stays plain text so that terminals still recognise it
    expect(text).toContain('k8s/ingress.yaml:27:15  ')
    expect(text.trimEnd().split('\n').pop()!.startsWith(`${ESC}1m${ESC}31m✖ 3 problems`)).toBe(true)
  })

  it('says when all is clean, with the file count', () => {
    const clean = scanResult({ files: [{ file: 'a.yaml' }, { file: 'b.yaml' }] })
    expect(renderText(clean, { color: false })).toBe('✔ No port problems in 2 files\n')
    expect(renderText(clean, { color: true })).toBe(
      `${ESC}32m✔ No port problems in 2 files${ESC}39m\n`
    )
  })

  it('counts suppressed findings in the summary', () => {
    const suppressedOne = finding({
      location: at('a.yaml', 3, 1),
      suppressedBy: { kind: 'comment', reason: 'edge nodes', location: at('a.yaml', 2, 1) }
    })
    const clean = scanResult({ suppressed: [suppressedOne], files: [{ file: 'a.yaml' }] })
    expect(renderText(clean, { color: false })).toBe('✔ No port problems in 1 file; 1 suppressed\n')
    const dirty = scanResult({
      findings: [
        finding({
          severity: 'notice',
          location: at('a.yaml', 1, 1),
          ruleId: 'skipped-file',
          message: 'Skipped'
        })
      ],
      suppressed: [suppressedOne],
      files: [{ file: 'a.yaml' }]
    })
    expect(renderText(dirty, { color: false }).trimEnd().split('\n').pop()).toBe(
      '✖ 1 problem (0 errors, 0 warnings, 1 notice) in 1 file; 1 suppressed'
    )
  })

  it('shows control characters from the repository escaped, so names cannot forge output', () => {
    const hostile = scanResult({
      findings: [
        finding({
          message: 'Service "web\u001b[2J" clashes\nfake.yaml:1:1  error  forged',
          location: at('evil\rname.yaml', 1, 1)
        })
      ]
    })
    const text = renderText(hostile, { color: false })
    expect(text).not.toContain('\u001b')
    expect(text).toContain('Service "web\\u001b[2J" clashes\\u000afake.yaml:1:1  error  forged')
    expect(text).toContain('evil\\u000dname.yaml:1:1')
    expect(text.split('\n')).toHaveLength(4)
  })
})
