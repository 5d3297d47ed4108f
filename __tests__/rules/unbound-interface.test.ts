import { ruleCases } from '../helpers/rule-cases.js'
import { unboundInterface } from '../../src/rules/unbound-interface.js'

const message = (port: string, service: string, example: string, what = '') =>
  `Published port ${port}${what} of service "${service}" (project repo) has no host IP: Docker ` +
  'listens on every interface, and its iptables rules let traffic past ufw and firewalld; bind it ' +
  `to an address (${example}) if only this host should reach it.`

ruleCases(unboundInterface, {
  valid: [
    {
      name: 'bound to loopback, to a LAN address, to 0.0.0.0 on purpose, or by a variable',
      files: {
        'compose.yaml': `
          services:
            db:
              image: postgres:16
              ports:
                - "127.0.0.1:5432:5432"
            cache:
              image: redis:7.4
              ports:
                - "\${REDIS_BIND:-127.0.0.1}:6379:6379"
            proxy:
              image: traefik:v3.1
              ports:
                - "0.0.0.0:443:443"
                - target: 8080
                  published: 8080
                  host_ip: 192.168.10.5
            search:
              image: elasticsearch:8.15.0
              ports:
                - target: 9200
                  published: 9200
                  host_ip: \${ES_BIND}
        `
      },
      env: { ES_BIND: '10.0.0.4' }
    },
    {
      name: 'unpublished ports and host networking publish nothing',
      files: {
        'compose.yaml': `
          services:
            api:
              image: ghcr.io/acme/api:2.3.1
              ports:
                - "8000"
              expose:
                - "9000"
            exporter:
              image: quay.io/prometheus/node-exporter:v1.8.2
              network_mode: host
        `
      }
    }
  ],
  invalid: [
    {
      name: 'a stack with a database, a cache and a web port on every interface',
      files: {
        'compose.yaml': `
          name: shop
          services:
            web:
              image: ghcr.io/acme/shop-web:1.4.0
              ports:
                - "\${WEB_PORT:-8080}:80"
            db:
              image: mysql:8.4
              ports:
                - 3306:3306
            mongo:
              image: mongo:7
              ports:
                - target: 27017
                  published: 27018
        `
      },
      findings: [
        {
          file: 'compose.yaml',
          line: 6,
          column: 9,
          severity: 'warning',
          message: message('8080/tcp', 'web', '"127.0.0.1:${WEB_PORT:-8080}:80"').replace(
            '(project repo)',
            '(project shop)'
          ),
          fix: { line: 6, column: 10, endLine: 6, endColumn: 10, replacement: '127.0.0.1:' }
        },
        {
          file: 'compose.yaml',
          line: 10,
          column: 9,
          severity: 'error',
          message: message('3306/tcp', 'db', '"127.0.0.1:3306:3306"', ' (MySQL)').replace(
            '(project repo)',
            '(project shop)'
          ),
          fix: { line: 10, column: 9, endLine: 10, endColumn: 9, replacement: '127.0.0.1:' }
        },
        {
          file: 'compose.yaml',
          line: 15,
          column: 20,
          severity: 'error',
          message: message('27018/tcp', 'mongo', '`host_ip: 127.0.0.1`', ' (MongoDB)').replace(
            '(project repo)',
            '(project shop)'
          ),
          fix: null
        }
      ]
    },
    {
      name: 'a configured sensitive list replaces the default one',
      options: { sensitivePorts: [8080] },
      files: {
        'compose.yaml': `
          services:
            jenkins:
              image: jenkins/jenkins:lts
              ports:
                - "8080:8080"
            redis:
              image: redis:7.4
              ports:
                - "6379:6379"
        `
      },
      findings: [
        {
          file: 'compose.yaml',
          line: 5,
          column: 9,
          severity: 'error',
          message: message('8080/tcp', 'jenkins', '"127.0.0.1:8080:8080"', ' (port 8080)')
        },
        {
          file: 'compose.yaml',
          line: 9,
          column: 9,
          severity: 'warning',
          message: message('6379/tcp', 'redis', '"127.0.0.1:6379:6379"')
        }
      ]
    },
    {
      name: 'a user severity of warning caps the sensitive ports too',
      severity: 'warning',
      files: {
        'compose.yaml': `
          services:
            db:
              image: postgres:16
              ports: ["5432:5432"]
        `
      },
      findings: [
        {
          file: 'compose.yaml',
          line: 4,
          column: 13,
          severity: 'warning',
          message: message('5432/tcp', 'db', '"127.0.0.1:5432:5432"', ' (PostgreSQL)')
        }
      ]
    }
  ]
})
