// Services that answer anyone who reaches them: no authentication by default (or, for a
// debugger, code execution by design), and dangerous once reachable from the network. The
// `unbound-interface` rule warns when one of them is published on every interface; every other
// published port is a notice. A service is recognised by its container port AND its image, so
// that an application that happens to listen on 6379 is not taken for Redis. A debugger is in
// whatever image the application uses, so its port alone names it (`images` left out): 2345,
// 9229, 5005 and 5678 are the debuggers' own defaults.
//
// Each entry says why, with the source; the rule page (docs/rules/unbound-interface.md) lists
// the same entries (the rule's test checks it does).

export interface ExposedService {
  /** For messages: `Redis`, `the Docker API`. */
  name: string
  /** Container ports the service listens on by default. */
  ports: number[]
  /** Image names (see images.ts); undefined = any image (debuggers). */
  images?: string[]
  /** Why it is dangerous when reachable, as the message says it. */
  reason: string
  source: string
}

export const EXPOSED_SERVICES: readonly ExposedService[] = [
  {
    name: 'Redis',
    ports: [6379],
    images: ['redis', 'redismod', 'valkey', 'keydb', 'dragonfly'],
    reason: 'answers without a password by default',
    source: 'https://redis.io/docs/latest/operate/oss_and_stack/management/security/'
  },
  {
    name: 'Memcached',
    ports: [11211],
    images: ['memcached'],
    reason: 'has no authentication unless built and started with SASL',
    source: 'https://github.com/memcached/memcached/wiki/SASLHowto'
  },
  {
    name: 'Elasticsearch',
    ports: [9200, 9300],
    images: ['elasticsearch'],
    reason:
      'has no authentication before 8.0 or with xpack.security.enabled=false, as dev stacks set it',
    source:
      'https://www.elastic.co/guide/en/elasticsearch/reference/current/security-minimal-setup.html'
  },
  {
    name: 'OpenSearch',
    ports: [9200, 9300],
    images: ['opensearch'],
    reason: 'has no authentication with the security plugin disabled, as dev stacks set it',
    source: 'https://opensearch.org/docs/latest/security/configuration/disable-enable-security/'
  },
  {
    name: 'MongoDB',
    ports: [27017],
    images: ['mongo', 'mongodb', 'mongodb-community-server'],
    reason: 'runs without access control unless a root user is configured',
    source: 'https://www.mongodb.com/docs/manual/administration/security-checklist/'
  },
  {
    name: 'etcd',
    ports: [2379, 2380],
    images: ['etcd'],
    reason: 'has no authentication or TLS unless configured',
    source: 'https://etcd.io/docs/v3.5/op-guide/security/'
  },
  {
    name: 'the Docker API',
    ports: [2375],
    images: ['docker', 'dind', 'docker-socket-proxy', 'socket-proxy'],
    reason: 'is root on the host to anyone who reaches it (2375 is the unencrypted port)',
    source: 'https://docs.docker.com/engine/security/protect-access/'
  },
  {
    name: 'the delve debugger',
    ports: [2345],
    reason: 'runs any code a client sends',
    source: 'https://github.com/go-delve/delve/blob/master/Documentation/usage/dlv.md'
  },
  {
    name: 'the Node.js inspector',
    ports: [9229],
    reason: 'runs any code a client sends',
    source: 'https://nodejs.org/en/learn/getting-started/debugging#security-implications'
  },
  {
    name: 'a Java debugger (JDWP)',
    ports: [5005],
    reason: 'runs any code a client sends',
    source: 'https://docs.oracle.com/en/java/javase/21/docs/specs/jpda/conninv.html'
  },
  {
    name: 'the debugpy debugger',
    ports: [5678],
    reason: 'runs any code a client sends',
    source: 'https://github.com/microsoft/debugpy#debugpy-cli-usage'
  }
]

/**
 * Images whose purpose is to be reached from everywhere: reverse proxies and edge routers. Their
 * published ports are the site's entry points; binding them to loopback would take it down.
 */
export const PUBLIC_IMAGES: readonly string[] = [
  'nginx',
  'openresty',
  'traefik',
  'caddy',
  'haproxy',
  'envoy',
  'httpd',
  'apache',
  'varnish',
  'kong',
  'nginx-proxy',
  'nginx-proxy-manager'
]
