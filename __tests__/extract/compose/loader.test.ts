import { describe, expect, it } from 'vitest'
import { bindingsOf, extractFixture, extractFromFiles, facts } from './support.js'

describe('projects: base + override', () => {
  const model = extractFixture('override-merge')

  it('is one project named after its folder, with both files', () => {
    expect(model.composeProjects).toEqual([
      { name: 'override-merge', files: ['compose.yaml', 'compose.override.yaml'] }
    ])
  })

  it('keeps 127.0.0.1:8080:80 (base) and 127.0.0.1:8080:81 (override) apart, each in its own file', () => {
    const web = bindingsOf(model, 'web').map(facts)
    expect(web).toContainEqual({
      service: 'web',
      file: 'compose.yaml',
      line: 5,
      column: 9,
      hostIP: '127.0.0.1',
      hostPort: '8080',
      containerPort: '80',
      protocol: 'tcp'
    })
    expect(web).toContainEqual({
      service: 'web',
      file: 'compose.override.yaml',
      line: 5,
      column: 9,
      hostIP: '127.0.0.1',
      hostPort: '8080',
      containerPort: '81',
      protocol: 'tcp'
    })
  })

  it('collapses 8080:80 written in base and override into ONE binding, at the base line', () => {
    const plain = bindingsOf(model, 'web').filter((binding) => binding.raw === '8080:80')
    expect(plain.map(facts)).toEqual([
      {
        service: 'web',
        file: 'compose.yaml',
        line: 6,
        column: 9,
        hostIP: '',
        hostPort: '8080',
        containerPort: '80',
        protocol: 'tcp'
      }
    ])
  })

  it('resolves ${WEB_PORT:-9000}:80 to host port 9000 and says it was interpolated', () => {
    const [binding] = bindingsOf(model, 'web').filter((each) => each.raw === '${WEB_PORT:-9000}:80')
    expect(facts(binding!)).toMatchObject({ line: 7, hostPort: '9000', containerPort: '80' })
    expect(binding).toMatchObject({ interpolated: true })
    expect(binding!.unresolved).toBeUndefined()
  })

  it('takes the environment first: WEB_PORT=9100 wins over the default', () => {
    const withEnv = extractFixture('override-merge', { WEB_PORT: '9100' })
    const binding = bindingsOf(withEnv, 'web').find((each) => each.raw === '${WEB_PORT:-9000}:80')
    expect(binding?.hostPort).toEqual({ start: 9100, end: 9100 })
  })

  it('lowercases 6000:80/TCP', () => {
    expect(bindingsOf(model, 'api').map(facts)).toEqual([
      {
        service: 'api',
        file: 'compose.yaml',
        line: 11,
        column: 9,
        hostIP: '',
        hostPort: '6000',
        containerPort: '80',
        protocol: 'tcp'
      }
    ])
  })

  it('points long syntax at the map, the published value and the target value', () => {
    const [adminer] = bindingsOf(model, 'adminer')
    expect(adminer).toMatchObject({
      location: { file: 'compose.override.yaml', line: 10, column: 9 },
      containerPortLocation: { file: 'compose.override.yaml', line: 10, column: 17 },
      hostPortLocation: { file: 'compose.override.yaml', line: 11, column: 20 },
      hostIP: '127.0.0.1',
      object: {
        format: 'compose',
        project: 'override-merge',
        service: 'adminer',
        projectFile: 'compose.yaml'
      }
    })
  })

  it('finds no invalid port', () => {
    expect(model.invalidPorts).toEqual([])
  })
})

describe('unpublished ports', () => {
  const model = extractFixture('unpublished')

  it('two services each "3000" have no host port', () => {
    expect(bindingsOf(model, 'frontend').map(facts)).toEqual([
      {
        service: 'frontend',
        file: 'docker-compose.yml',
        line: 6,
        column: 9,
        hostIP: '',
        containerPort: '3000',
        protocol: 'tcp'
      }
    ])
    expect(bindingsOf(model, 'storybook').map(facts)).toEqual([
      {
        service: 'storybook',
        file: 'docker-compose.yml',
        line: 10,
        column: 9,
        hostIP: '',
        containerPort: '3000',
        protocol: 'tcp'
      }
    ])
  })

  it('long syntax target 80 / target 81 without published have no host port', () => {
    const workers = [...bindingsOf(model, 'worker-a'), ...bindingsOf(model, 'worker-b')]
    expect(workers.map(facts)).toEqual([
      {
        service: 'worker-a',
        file: 'docker-compose.yml',
        line: 14,
        column: 9,
        hostIP: '',
        containerPort: '80',
        protocol: 'tcp'
      },
      {
        service: 'worker-b',
        file: 'docker-compose.yml',
        line: 18,
        column: 9,
        hostIP: '',
        containerPort: '81',
        protocol: 'udp'
      }
    ])
    expect(workers.every((binding) => binding.hostPort === undefined)).toBe(true)
  })

  it('ignores expose: it publishes nothing on the host', () => {
    expect(model.bindings.some((binding) => binding.containerPort?.start === 9090)).toBe(false)
  })
})

describe('interpolation and .env', () => {
  const model = extractFixture('interpolation', { APP_PORT: '18000' })
  const byRaw = (raw: string) => model.bindings.find((binding) => binding.raw === raw)

  it('names the project from an interpolated name: key, normalised', () => {
    expect(model.composeProjects.map((project) => project.name)).toEqual(['interpdemo'])
  })

  it('prefers the environment over .env, and .env over defaults', () => {
    expect(facts(byRaw('${APP_HOST_IP:-127.0.0.1}:${APP_PORT}:8000')!)).toMatchObject({
      hostIP: '127.0.0.1',
      hostPort: '18000'
    })
    const fromDotenv = extractFixture('interpolation')
    const binding = fromDotenv.bindings.find(
      (each) => each.raw === '${APP_HOST_IP:-127.0.0.1}:${APP_PORT}:8000'
    )
    expect(binding?.hostPort).toEqual({ start: 8000, end: 8000 })
  })

  it('reads quoted .env values with their own defaults', () => {
    expect(byRaw('${QUOTED_PORT}:7000')?.hostPort).toEqual({ start: 7001, end: 7001 })
  })

  it('${VAR-default} keeps an empty .env value: the port is unpublished', () => {
    const binding = byRaw('${METRICS_PORT-9100}:9100')
    expect(binding?.hostPort).toBeUndefined()
    expect(binding?.containerPort).toEqual({ start: 9100, end: 9100 })
  })

  it('resolves nested defaults, long-syntax published and an empty host IP default', () => {
    expect(byRaw('${HTTP_PORT:-${FALLBACK_HTTP:-8088}}:80')?.hostPort).toEqual({
      start: 8088,
      end: 8088
    })
    const https = model.bindings.find((binding) => binding.containerPort?.start === 443)
    expect(https).toMatchObject({
      hostPort: { start: 8443, end: 8443 },
      interpolated: true,
      hostPortLocation: { line: 15, column: 20 }
    })
    expect(byRaw('${BIND:-}:8404:8404')).toMatchObject({
      hostIP: '',
      hostPort: { start: 8404, end: 8404 }
    })
  })

  it('marks unknown variables unresolved, keeps what is known, reports nothing', () => {
    const debug = byRaw('${DEBUG_PORT}:5678')
    expect(debug).toMatchObject({ unresolved: true, containerPort: { start: 5678, end: 5678 } })
    expect(debug?.hostPort).toBeUndefined()
    expect(byRaw('${SECRET_HOST_PORT:?set SECRET_HOST_PORT}:22')).toMatchObject({
      unresolved: true
    })
    expect(model.invalidPorts).toEqual([])
  })
})

describe('include', () => {
  const model = extractFixture('include')

  it('is one project holding the included files; included files are not projects themselves', () => {
    expect(model.composeProjects).toEqual([
      {
        name: 'include',
        files: [
          'compose.yaml',
          'db/compose.yaml',
          'monitoring/compose.yaml',
          'monitoring/compose.local.yaml',
          'cycle/compose.yaml'
        ]
      }
    ])
  })

  it('interpolates included files with the including environment first, then their own .env', () => {
    const postgres = bindingsOf(model, 'postgres').map(facts)
    expect(postgres).toEqual([
      // DB_PORT: include/.env (15432) wins over db/.env (25432), as compose-go ApplyInclude does.
      {
        service: 'postgres',
        file: 'db/compose.yaml',
        line: 5,
        column: 9,
        hostIP: '127.0.0.1',
        hostPort: '15432',
        containerPort: '5432',
        protocol: 'tcp'
      },
      // DB_ADMIN_PORT is only in db/.env.
      {
        service: 'postgres',
        file: 'db/compose.yaml',
        line: 6,
        column: 9,
        hostIP: '',
        hostPort: '8089',
        containerPort: '8080',
        protocol: 'tcp'
      }
    ])
  })

  it('merges a path list (main + override) and reads the entry env_file', () => {
    expect(bindingsOf(model, 'grafana').map(facts)).toEqual([
      {
        service: 'grafana',
        file: 'monitoring/compose.yaml',
        line: 5,
        column: 9,
        hostIP: '',
        hostPort: '3300',
        containerPort: '3000',
        protocol: 'tcp'
      },
      {
        service: 'grafana',
        file: 'monitoring/compose.local.yaml',
        line: 4,
        column: 9,
        hostIP: '',
        hostPort: '3001',
        containerPort: '3000',
        protocol: 'tcp'
      }
    ])
  })

  it('skips missing and outside-the-root includes, and stops include cycles', () => {
    expect(bindingsOf(model, 'loop')).toHaveLength(1)
    expect(bindingsOf(model, 'web').map(facts)).toEqual([
      {
        service: 'web',
        file: 'compose.yaml',
        line: 14,
        column: 9,
        hostIP: '',
        hostPort: '8000',
        containerPort: '80',
        protocol: 'tcp'
      }
    ])
    expect(model.invalidPorts).toEqual([])
  })
})

describe('extends', () => {
  const model = extractFixture('extends')
  const ports = (service: string) =>
    bindingsOf(model, service).map(
      (binding) => `${binding.location.file}:${binding.location.line} ${binding.raw}`
    )

  it('inherits ports (written where the base service is) and appends its own', () => {
    expect(ports('web')).toEqual(['docker-compose.yml:5 8080:80', 'docker-compose.yml:11 8443:443'])
    expect(ports('api')).toEqual([
      'common/services.yml:5 9000:9000',
      'docker-compose.yml:17 9001:9001'
    ])
  })

  it('inherits cap_add, normalised', () => {
    expect(bindingsOf(model, 'web')[0]?.addedCapabilities).toEqual(['NET_BIND_SERVICE'])
    expect(bindingsOf(model, 'api')[0]?.addedCapabilities).toEqual(['SYS_PTRACE'])
  })

  it('honours !reset and !override on the extending service', () => {
    expect(ports('quiet')).toEqual([])
    expect(ports('replaced')).toEqual(['docker-compose.yml:27 18080:80'])
  })

  it('survives a service that extends itself', () => {
    expect(ports('self-loop')).toEqual(['docker-compose.yml:31 7000:7000'])
  })

  it('does not make the extends base file a project', () => {
    expect(model.composeProjects).toEqual([
      { name: 'extends', files: ['docker-compose.yml', 'common/services.yml'] }
    ])
  })
})

describe('service facts', () => {
  const model = extractFixture('profiles-hostnet')

  it('network_mode: host sets hostNetwork', () => {
    expect(bindingsOf(model, 'node-exporter')[0]).toMatchObject({ hostNetwork: true })
    expect(bindingsOf(model, 'dns')[0]).toMatchObject({ hostNetwork: false })
  })

  it('udp and IPv6 hosts, with and without brackets', () => {
    expect(bindingsOf(model, 'dns').map(facts)).toEqual([
      {
        service: 'dns',
        file: 'compose.yml',
        line: 11,
        column: 9,
        hostIP: '',
        hostPort: '53',
        containerPort: '53',
        protocol: 'udp'
      },
      {
        service: 'dns',
        file: 'compose.yml',
        line: 12,
        column: 9,
        hostIP: '::1',
        hostPort: '5353',
        containerPort: '53',
        protocol: 'udp'
      },
      {
        service: 'dns',
        file: 'compose.yml',
        line: 13,
        column: 9,
        hostIP: '::1',
        hostPort: '5354',
        containerPort: '53',
        protocol: 'tcp'
      }
    ])
    expect(bindingsOf(model, 'dns')[0]?.addedCapabilities).toEqual([
      'NET_BIND_SERVICE',
      'NET_ADMIN'
    ])
  })

  it('ranges: expanded when paired, one published range against one target, bare integer unpublished', () => {
    expect(
      bindingsOf(model, 'rtp').map((binding) => [
        facts(binding).hostPort,
        facts(binding).containerPort
      ])
    ).toEqual([
      ['10000', '10000'],
      ['10001', '10001'],
      ['10002', '10002'],
      ['8000-9000', '80'],
      [undefined, '4443']
    ])
  })

  it('profiles and deploy.replicas / scale', () => {
    expect(bindingsOf(model, 'rtp')[0]).toMatchObject({ profiles: ['media', 'full'], replicas: 2 })
    expect(bindingsOf(model, 'scaled')[0]).toMatchObject({
      replicas: 3,
      mode: 'host',
      name: 'http',
      protocol: 'tcp',
      hostPort: { start: 18000, end: 18010 },
      hostPortLocation: { line: 28, column: 20 },
      containerPortLocation: { line: 27, column: 17 }
    })
    expect(bindingsOf(model, 'node-exporter')[0]?.profiles).toBeUndefined()
  })
})

describe('invalid ports', () => {
  const model = extractFixture('invalid')
  const invalid = Object.fromEntries(
    model.invalidPorts.map((each) => [
      each.object?.format === 'compose' ? each.object.service : '',
      `${each.location.line}:${each.location.column} ${each.message}`
    ])
  )

  it('reports what Compose rejects, at the entry', () => {
    expect(invalid).toEqual({
      'too-big': '5:9 Invalid hostPort: 99999',
      'bad-proto': '9:9 Invalid proto: xyz',
      'bad-ranges':
        '13:9 Invalid ranges specified for container and host Ports: 80-81 and 8000-8010',
      hostname: '17:9 Invalid ip address: localhost',
      'not-a-list': '20:12 ports must be a list, not 8080:80',
      'long-no-target': "25:9 missing mandatory field 'target'",
      'long-bad-ip': '29:9 invalid ip address: notavalidip',
      float: '35:9 invalid type float for port: 80.5',
      'bad-template': '43:9 Invalid template: "${BROKEN:80" (unexpected ":" after BROKEN)'
    })
  })

  it('keeps the valid ports, never reports an unresolved value, and makes no binding of a broken one', () => {
    expect(
      model.bindings.map((binding) => binding.object.format === 'compose' && binding.object.service)
    ).toEqual(['unknown-var', 'fine'])
    expect(bindingsOf(model, 'unknown-var')[0]).toMatchObject({ unresolved: true })
  })
})

describe('project naming and standalone overrides', () => {
  it('an override with no base in its folder is a project by itself', () => {
    const model = extractFixture('standalone-override')
    expect(model.composeProjects).toEqual([
      { name: 'standalone-override', files: ['docker-compose.override.yml'] }
    ])
    expect(bindingsOf(model, 'mailhog').map(facts)).toEqual([
      {
        service: 'mailhog',
        file: 'docker-compose.override.yml',
        line: 5,
        column: 9,
        hostIP: '',
        hostPort: '8025',
        containerPort: '8025',
        protocol: 'tcp'
      }
    ])
  })

  it('name: My_Shop! becomes my_shop, and docker-compose.override.yml merges into docker-compose.yml', () => {
    const model = extractFixture('named')
    expect(model.composeProjects).toEqual([
      { name: 'my_shop', files: ['docker-compose.yml', 'docker-compose.override.yml'] }
    ])
    expect(
      model.bindings.map((binding) => `${binding.location.file}:${binding.location.line}`)
    ).toEqual(['docker-compose.yml:6', 'docker-compose.override.yml:5'])
  })

  it('!reset in an override drops the base ports (even through an alias); !override replaces them', () => {
    const model = extractFixture('reset-override')
    expect(bindingsOf(model, 'registry')).toEqual([])
    expect(bindingsOf(model, 'cache').map(facts)).toEqual([
      {
        service: 'cache',
        file: 'compose.override.yml',
        line: 6,
        column: 9,
        hostIP: '127.0.0.1',
        hostPort: '6380',
        containerPort: '6379',
        protocol: 'tcp'
      }
    ])
  })

  it('a file at the root takes the root folder name given by the file system, else "root"', () => {
    const files = { 'compose.yaml': 'services:\n  web:\n    ports: ["80:80"]\n' }
    expect(extractFromFiles(files, {}, 'My Repo').composeProjects[0]?.name).toBe('myrepo')
    expect(extractFromFiles(files).composeProjects[0]?.name).toBe('root')
  })
})

describe('robustness', () => {
  it.each([
    ['services is a list', 'services:\n  - web\n'],
    ['ports is a map', 'services:\n  web:\n    ports:\n      a: 1\n'],
    ['ports item is a list', 'services:\n  web:\n    ports:\n      - [80, 81]\n'],
    ['ports item is null', 'services:\n  web:\n    ports:\n      -\n'],
    [
      'long syntax with map values',
      'services:\n  web:\n    ports:\n      - target: {a: 1}\n        published: [1]\n'
    ],
    ['include is a map', 'include:\n  a: b\nservices: {}\n'],
    [
      'include entry with numbers',
      'include:\n  - 42\n  - path: 7\n    env_file: 3\nservices: {}\n'
    ],
    [
      'extends of a missing file',
      'services:\n  web:\n    extends:\n      file: nope.yml\n      service: x\n    ports: ["80:80"]\n'
    ],
    ['extends is a list', 'services:\n  web:\n    extends: [a]\n'],
    ['cap_add is a string', 'services:\n  web:\n    cap_add: NET_ADMIN\n    ports: ["80:80"]\n'],
    [
      'deploy is a string',
      'services:\n  web:\n    deploy: lots\n    scale: many\n    ports: ["80:80"]\n'
    ],
    ['alias loop', 'x: &a [*a]\nservices:\n  web:\n    ports: *a\n'],
    ['empty document', '---\n---\n']
  ])('%s: never throws', (_name, text) => {
    expect(() => extractFromFiles({ 'compose.yaml': text })).not.toThrow()
  })

  it('a later document of the same file merges like an override', () => {
    const text =
      'services:\n  web:\n    ports: ["80:80"]\n---\nservices:\n  web:\n    ports: ["80:80", "81:81"]\n'
    const model = extractFromFiles({ 'compose.yaml': text })
    expect(model.bindings.map((binding) => binding.location.line)).toEqual([3, 7])
  })
})

describe('what the Compose runtime rules read', () => {
  const files = {
    'compose.yaml': [
      'x-ssh: &ssh "22:22"',
      'services:',
      '  git:',
      '    image: gitea/gitea:1.22',
      '    ports:',
      '      - 2222:22',
      "      - '127.0.0.1:3000:3000'",
      '      - *ssh',
      '      - "${BIND_ADDR:-127.0.0.1}:5432:5432"',
      '      - "${WEB_PORT:-8080}:80"',
      '      - target: 9200',
      '        published: 9200',
      '        host_ip: ${ES_BIND}',
      '  status:',
      '    image: louislam/uptime-kuma:1.23.16',
      '    ports: ["3001:3001"]',
      '  swarm:',
      '    image: traefik:v3.1',
      '    ports: ["443:443"]',
      '    deploy:',
      '      update_config: { parallelism: 1 }',
      ''
    ].join('\n'),
    'compose.override.yaml': [
      'services:',
      '  status:',
      '    network_mode: host',
      '  git:',
      '    scale: 2',
      '    deploy:',
      '      replicas: 3',
      ''
    ].join('\n')
  }
  const { bindings } = extractFromFiles(files, { ES_BIND: '10.0.0.4' })
  const git = bindings.filter((b) => b.container === 'git')

  it('how each short-syntax entry is written: plain, quoted, or through an alias (neither)', () => {
    expect(git.map((b) => [b.raw, b.scalarStyle])).toEqual([
      ['2222:22', 'plain'],
      ['127.0.0.1:3000:3000', 'quoted'],
      ['22:22', undefined],
      ['${BIND_ADDR:-127.0.0.1}:5432:5432', 'quoted'],
      ['${WEB_PORT:-8080}:80', 'quoted'],
      ['{target: 9200, published: 9200, host_ip: ${ES_BIND}}', undefined]
    ])
    // The scalar's span, for fixes that rewrite it.
    expect(git[0]!.location).toEqual({
      file: 'compose.yaml',
      line: 6,
      column: 9,
      endLine: 6,
      endColumn: 16
    })
  })

  it('a host IP written with a variable, and not a port default holding a colon', () => {
    expect(git.map((b) => b.hostIPFromVariable ?? false)).toEqual([
      false,
      false,
      false,
      true,
      false,
      true
    ])
  })

  it('the ports: list span (block style only), network_mode and replicas from the override', () => {
    expect(git[0]!.portsLocation).toEqual({
      file: 'compose.yaml',
      line: 5,
      column: 5,
      endLine: 14,
      endColumn: 1
    })
    // deploy.replicas wins over scale, and points at where it is written.
    expect([git[0]!.replicas, git[0]!.replicasLocation]).toEqual([
      3,
      { file: 'compose.override.yaml', line: 7, column: 17, endLine: 7, endColumn: 18 }
    ])
    const status = bindings.find((b) => b.container === 'status')!
    expect(status.hostNetwork).toBe(true)
    expect(status.networkModeLocation).toMatchObject({ file: 'compose.override.yaml', line: 3 })
    expect(status.portsLocation).toMatchObject({ line: 16, endLine: 16 })
  })

  it('a deploy with Swarm-only keys marks the service as written for Swarm', () => {
    expect(bindings.find((b) => b.container === 'swarm')!.swarmDeploy).toBe(true)
    expect(git[0]!.swarmDeploy).toBeUndefined()
  })
})
