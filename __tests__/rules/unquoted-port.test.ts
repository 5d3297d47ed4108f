import { describe, expect, it } from 'vitest'
import { ruleCases } from '../helpers/rule-cases.js'
import {
  YAML11_SEXAGESIMAL,
  sexagesimalValue,
  unquotedPort
} from '../../src/rules/unquoted-port.js'

const message = (port: string, service: string, value: number) =>
  `Port ${port} of service "${service}" (project repo) is not quoted: a YAML 1.1 reader ` +
  `(docker-compose v1, PyYAML-based tools) reads it as the base-60 number ${value}, not as a ` +
  `port mapping; quote it: "${port}".`

describe('YAML 1.1 sexagesimal integers', () => {
  it.each([
    ['22:22', 1342],
    ['8080:50', 484850],
    ['21:21', 1281],
    ['1:2:3', 3723],
    ['1_000:05', 60005],
    ['+5:9', 309],
    ['-1:30', -90]
  ])('%s is the number %d', (text, value) => {
    expect(YAML11_SEXAGESIMAL.test(text)).toBe(true)
    expect(sexagesimalValue(text)).toBe(value)
  })

  it.each([
    '8080:80',
    '80:8080',
    '3000',
    '0:22',
    '127.0.0.1:22:22',
    '22:22/udp',
    '2222-2223:22',
    '22:60',
    '${SSH_PORT}:22'
  ])('%s stays a string', (text) => {
    expect(YAML11_SEXAGESIMAL.test(text)).toBe(false)
  })
})

ruleCases(unquotedPort, {
  valid: [
    {
      name: 'quoted ports, and unquoted ones YAML 1.1 keeps as strings',
      files: {
        'compose.yaml': `
          services:
            gitea:
              image: gitea/gitea:1.22
              ports:
                - "2222:22"
                - '22:22'
                - 3000:3000
                - 8080:80
                - 127.0.0.1:2223:22
                - 6060:6060/udp
                - target: 22
                  published: 2224
        `
      }
    },
    {
      name: 'an alias to an unquoted anchor elsewhere reports nothing at the alias',
      files: {
        'compose.yaml': `
          x-ssh: &ssh "22:22"
          services:
            sshd:
              image: linuxserver/openssh-server:9.7
              ports:
                - *ssh
        `
      }
    }
  ],
  invalid: [
    {
      name: 'an SFTP server on 22:22 and a second container port below 60',
      files: {
        'compose.yaml': `
          services:
            sftp:
              image: atmoz/sftp:alpine
              ports:
                - 22:22
                - "8022:22"
            ftp:
              image: delfer/alpine-ftp-server:latest
              ports:
                - 21:21   # control
                - 21000-21010:21000-21010
        `
      },
      findings: [
        {
          file: 'compose.yaml',
          line: 5,
          column: 9,
          severity: 'warning',
          message: message('22:22', 'sftp', 1342),
          fix: { line: 5, column: 9, endLine: 5, endColumn: 14, replacement: '"22:22"' }
        },
        {
          file: 'compose.yaml',
          line: 10,
          column: 9,
          severity: 'warning',
          message: message('21:21', 'ftp', 1281),
          fix: { line: 10, column: 9, endLine: 10, endColumn: 14, replacement: '"21:21"' }
        }
      ]
    },
    {
      name: 'a port whose container side is below 60 in an override file',
      severity: 'error',
      files: {
        'compose.yaml': `
          services:
            web:
              image: nginx:1.27
              ports:
                - "8080:80"
        `,
        'compose.override.yaml': `
          services:
            web:
              ports:
                - 8443:43
        `
      },
      findings: [
        {
          file: 'compose.override.yaml',
          line: 4,
          column: 9,
          severity: 'error',
          message: message('8443:43', 'web', 506623),
          fix: { line: 4, column: 9, endLine: 4, endColumn: 16, replacement: '"8443:43"' }
        }
      ]
    }
  ]
})
