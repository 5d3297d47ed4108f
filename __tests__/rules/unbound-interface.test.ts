import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ruleCases } from '../helpers/rule-cases.js'
import { unboundInterface } from '../../src/rules/unbound-interface.js'
import { EXPOSED_SERVICES } from '../../src/rules/shared/exposed-services.js'
import { imageIsOneOf, imageName } from '../../src/rules/shared/images.js'

const PAST_UFW =
  'Docker listens on every interface, and its iptables rules let traffic past ufw and firewalld; '

/** The message of an entry whose host side is written literally in the short syntax. */
const published = (port: string, service: string, spec: string, what = '', project = 'repo') =>
  `Published port ${port}${what} of service "${service}" (project ${project}) has no host IP: ` +
  PAST_UFW +
  `bind it to loopback ("127.0.0.1:${spec}", plus "[::1]:${spec}" for IPv6) if only this host ` +
  'should reach it.'

const LONG_ADVICE =
  'bind it to loopback (`host_ip: 127.0.0.1`, plus the same entry with `host_ip: "::1"` for ' +
  'IPv6) if only this host should reach it.'

const SWARM_ADVICE =
  'in a Swarm stack the host IP is ignored (moby/moby#32299), so binding an address does not ' +
  "help: leave the port unpublished if only other services need it, or filter it in Docker's " +
  'DOCKER-USER chain.'

const REDIS = ' (Redis, which answers without a password by default)'

const prefix = (line: number, column: number, replacement = '127.0.0.1:') => ({
  line,
  column,
  endLine: line,
  endColumn: column,
  replacement
})

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
                - "[::1]:5432:5432"
            cache:
              image: redis:7.4
              ports:
                - "\${REDIS_BIND:-127.0.0.1}:6379:6379"
                - "127.0.0.1::6380"
            admin:
              image: ghcr.io/acme/admin:1.0
              ports:
                - "0.0.0.0:8080:8080"
                - "[::]:8080:8080"
                - target: 8081
                  published: 8081
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
      name: 'host networking publishes nothing, expose is never published',
      files: {
        'compose.yaml': `
          services:
            api:
              image: ghcr.io/acme/api:2.3.1
              expose:
                - "9000"
            exporter:
              image: quay.io/prometheus/node-exporter:v1.8.2
              network_mode: host
        `
      }
    },
    {
      name: 'never for 80/443 or an image whose purpose is to be public (reverse proxies)',
      files: {
        'compose.yaml': `
          services:
            site:
              image: ghcr.io/acme/site:3.0
              ports:
                - "80:8080"
                - "443:8443"
                - "443:8443/udp"
            edge:
              image: traefik:v3.1
              ports:
                - "8080:8080"
            lb:
              image: haproxytech/haproxy-alpine:2.9
              ports:
                - "8404:8404"
            web:
              image: docker.io/library/nginx:1.27-alpine@sha256:0123
              ports:
                - "8443:8443"
        `
      }
    },
    {
      name: 'a variable set nowhere: what it publishes is unknown',
      files: {
        'compose.yaml': `
          services:
            api:
              image: ghcr.io/acme/api:2.3.1
              ports:
                - "\${API_PORT}:8000"
        `
      }
    }
  ],
  invalid: [
    {
      name: 'a dangerous service (port and image) is a warning, other published ports are notices',
      files: {
        'compose.yaml': `
          name: shop
          services:
            cache:
              image: redis:7.4
              ports:
                - "6379:6379"
            db:
              image: postgres:16
              ports:
                - 5432:5432
            app:
              image: ghcr.io/acme/queue:1.0
              ports:
                - "6379:6379"
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
          message: published('6379/tcp', 'cache', '6379:6379', REDIS, 'shop'),
          fix: prefix(6, 10)
        },
        {
          file: 'compose.yaml',
          line: 10,
          column: 9,
          severity: 'notice',
          message: published('5432/tcp', 'db', '5432:5432', '', 'shop'),
          fix: prefix(10, 9)
        },
        {
          file: 'compose.yaml',
          line: 14,
          column: 9,
          severity: 'notice',
          message: published('6379/tcp', 'app', '6379:6379', '', 'shop'),
          fix: prefix(14, 10)
        },
        {
          file: 'compose.yaml',
          line: 19,
          column: 20,
          severity: 'warning',
          message:
            'Published port 27018/tcp (MongoDB, which runs without access control unless a root ' +
            'user is configured) of service "mongo" (project shop) has no host IP: ' +
            PAST_UFW +
            LONG_ADVICE,
          fix: null
        }
      ]
    },
    {
      // From the real corpus (dockersamples/example-voting-app): docker-compose.images.yml is run
      // over docker-compose.yml and repeats `8080:80`, which Compose collapses into one binding.
      // Binding the base's line alone to loopback would leave the overlay's on every interface:
      // two bindings of 8080 that conflict. So no fix there; the port written once keeps its fix.
      name: 'no fix for an entry an overlay or override writes again',
      files: {
        'docker-compose.yml': `
          services:
            vote:
              build: ./vote
              ports:
                - "8080:80"
            result:
              build: ./result
              ports:
                - "8081:80"
        `,
        'docker-compose.images.yml': `
          services:
            vote:
              image: dockersamples/examplevotingapp_vote
              ports:
                - "8080:80"
        `,
        'db/compose.yaml': `
          services:
            db:
              image: postgres:16
              ports:
                - "5432:5432"
        `,
        'db/compose.override.yaml': `
          services:
            db:
              ports:
                - "5432:5432"
        `
      },
      findings: [
        {
          file: 'db/compose.yaml',
          line: 5,
          column: 9,
          severity: 'notice',
          message: published('5432/tcp', 'db', '5432:5432', '', 'db'),
          fix: null
        },
        {
          file: 'docker-compose.yml',
          line: 5,
          column: 9,
          severity: 'notice',
          message: published('8080/tcp', 'vote', '8080:80'),
          fix: null
        },
        {
          file: 'docker-compose.yml',
          line: 9,
          column: 9,
          severity: 'notice',
          message: published('8081/tcp', 'result', '8081:80'),
          fix: prefix(9, 10)
        }
      ]
    },
    {
      name: 'a container port alone is published on an ephemeral host port of every interface',
      files: {
        'compose.yaml': `
          services:
            tempo:
              image: grafana/tempo:2.6.0
              ports:
                - "3200"
            es:
              image: docker.elastic.co/elasticsearch/elasticsearch:7.17.24
              ports:
                - target: 9200
        `
      },
      findings: [
        {
          file: 'compose.yaml',
          line: 5,
          column: 9,
          severity: 'notice',
          message:
            'Container port 3200/tcp of service "tempo" (project repo) is published on an ' +
            'ephemeral host port with no host IP: ' +
            PAST_UFW +
            'bind it to loopback ("127.0.0.1::3200", plus "[::1]::3200" for IPv6) if only this ' +
            'host should reach it.',
          fix: prefix(5, 10, '127.0.0.1::')
        },
        {
          file: 'compose.yaml',
          line: 9,
          column: 9,
          severity: 'warning',
          message:
            'Container port 9200/tcp (Elasticsearch, which has no authentication before 8.0 or ' +
            'with xpack.security.enabled=false, as dev stacks set it) of service "es" (project ' +
            'repo) is published on an ephemeral host port with no host IP: ' +
            PAST_UFW +
            LONG_ADVICE,
          fix: null
        }
      ]
    },
    {
      name: 'no fix where a variable may carry an address: the message says to set it',
      files: {
        'compose.yaml': `
          services:
            web:
              image: ghcr.io/acme/web:1.4.0
              ports:
                - "\${WEB_PORT:-8080}:8000"
                - "\${METRICS}"
        `
      },
      env: { METRICS: '9100' },
      findings: [
        {
          file: 'compose.yaml',
          line: 5,
          column: 9,
          severity: 'notice',
          message:
            'Published port 8080/tcp of service "web" (project repo) has no host IP: ' +
            PAST_UFW +
            'its host side comes from ${WEB_PORT}, which may carry an address: set it to one ' +
            '(WEB_PORT=127.0.0.1:8080) if only this host should reach it.',
          fix: null
        },
        {
          file: 'compose.yaml',
          line: 6,
          column: 9,
          severity: 'notice',
          message:
            'Container port 9100/tcp of service "web" (project repo) is published on an ' +
            'ephemeral host port with no host IP: ' +
            PAST_UFW +
            'its host side comes from ${METRICS}, which may carry an address: set it to one ' +
            '(METRICS=127.0.0.1::9100) if only this host should reach it.',
          fix: null
        }
      ]
    },
    {
      name: 'in a Swarm stack (Swarm-only deploy keys, or a stack file) the host IP is ignored: no fix',
      files: {
        'compose.yaml': `
          services:
            cache:
              image: valkey/valkey:8
              ports:
                - "6379:6379"
              deploy:
                placement:
                  constraints: [node.role == manager]
        `,
        'ops/docker-stack.yml': `
          services:
            debug:
              build: .
              ports:
                - "9229:9229"
        `
      },
      findings: [
        {
          file: 'compose.yaml',
          line: 5,
          column: 9,
          severity: 'warning',
          message:
            'Published port 6379/tcp (Redis, which answers without a password by default) of ' +
            'service "cache" (project repo) has no host IP: ' +
            PAST_UFW +
            SWARM_ADVICE,
          fix: null
        },
        {
          file: 'ops/docker-stack.yml',
          line: 5,
          column: 9,
          severity: 'warning',
          message:
            'Published port 9229/tcp (the Node.js inspector, which runs any code a client sends) ' +
            'of service "debug" (project ops) has no host IP: ' +
            PAST_UFW +
            SWARM_ADVICE,
          fix: null
        }
      ]
    },
    {
      name: 'a flow sequence and a published range are one finding per entry, fixed in place',
      files: {
        'compose.yaml': `
          services:
            cache:
              image: bitnami/memcached:1.6
              ports: ["11211:11211", '7000-7002:7000-7002']
        `
      },
      findings: [
        {
          file: 'compose.yaml',
          line: 4,
          column: 13,
          severity: 'warning',
          message: published(
            '11211/tcp',
            'cache',
            '11211:11211',
            ' (Memcached, which has no authentication unless built and started with SASL)'
          ),
          fix: prefix(4, 14)
        },
        {
          file: 'compose.yaml',
          line: 4,
          column: 28,
          severity: 'notice',
          message: published('7000-7002/tcp', 'cache', '7000-7002:7000-7002'),
          fix: prefix(4, 29)
        }
      ]
    },
    {
      name: 'sensitivePorts adds warnings whatever the image',
      options: { sensitivePorts: [8500] },
      files: {
        'compose.yaml': `
          services:
            consul:
              image: hashicorp/consul:1.19
              ports:
                - "8500:8500"
        `
      },
      findings: [
        {
          file: 'compose.yaml',
          line: 5,
          column: 9,
          severity: 'warning',
          message: published(
            '8500/tcp',
            'consul',
            '8500:8500',
            ' (port 8500, listed in sensitivePorts)'
          )
        }
      ]
    },
    {
      name: 'a configured severity of error raises the warnings, never the notices',
      severity: 'error',
      files: {
        'compose.yaml': `
          services:
            docker:
              image: docker:27-dind
              ports: ["2375:2375", "8080:8080"]
        `
      },
      findings: [
        {
          file: 'compose.yaml',
          line: 4,
          column: 13,
          severity: 'error',
          message: published(
            '2375/tcp',
            'docker',
            '2375:2375',
            ' (the Docker API, which is root on the host to anyone who reaches it (2375 is the unencrypted port))'
          )
        },
        {
          file: 'compose.yaml',
          line: 4,
          column: 26,
          severity: 'notice',
          message: published('8080/tcp', 'docker', '8080:8080')
        }
      ]
    }
  ]
})

describe('the exposed-services list', () => {
  const page = readFileSync(
    path.join(
      path.dirname(fileURLToPath(import.meta.url)),
      '../../docs/rules/unbound-interface.md'
    ),
    'utf8'
  )

  it('names each image by its last path component, without tag or digest', () => {
    expect(imageName('docker.elastic.co/elasticsearch/elasticsearch:8.15.0')).toBe('elasticsearch')
    expect(imageName('localhost:5000/team/redis@sha256:abc')).toBe('redis')
    expect(imageIsOneOf('redis/redis-stack-server:7.4', ['redis'])).toBe(true)
    // Redis with modules (docker/awesome-compose's flask-redis) is Redis.
    const redis = EXPOSED_SERVICES.find((service) => service.name === 'Redis')!
    expect(imageIsOneOf('redislabs/redismod', redis.images!)).toBe(true)
    expect(imageIsOneOf('ghcr.io/acme/redisinsight:2', ['redis'])).toBe(false)
    expect(imageIsOneOf(undefined, ['redis'])).toBe(false)
  })

  it('gives every entry a source, and the rule page lists each with its ports and source', () => {
    for (const service of EXPOSED_SERVICES) {
      expect(service.source).toMatch(/^https:\/\//)
      const row = page.split('\n').find((line) => line.split('|')[1]?.trim() === service.name)
      expect(row, `docs/rules/unbound-interface.md has no row for ${service.name}`).toBeDefined()
      for (const port of service.ports) expect(row).toContain(String(port))
      expect(row).toContain(service.source)
    }
  })
})
