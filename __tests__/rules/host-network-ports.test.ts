import { ruleCases } from '../helpers/rule-cases.js'
import { hostNetworkPorts } from '../../src/rules/host-network-ports.js'

const MESSAGE = (service: string, extra = '') =>
  `Service "${service}" (project repo) lists ports but runs with network_mode: host${extra}: the ` +
  'container uses the host network directly, so Docker discards these ports (docker-compose 1.x ' +
  'refuses to start the service); remove `ports:` — the service listens on the host on its own ' +
  'ports — or drop network_mode: host.'

ruleCases(hostNetworkPorts, {
  valid: [
    {
      name: 'host networking without ports, and ports without host networking',
      files: {
        'compose.yaml': `
          services:
            node-exporter:
              image: quay.io/prometheus/node-exporter:v1.8.2
              network_mode: host
              pid: host
            grafana:
              image: grafana/grafana:11.2.0
              ports:
                - "3000:3000"
        `
      }
    },
    {
      name: 'an override that resets the ports of a service it moves to the host network',
      files: {
        'compose.yaml': `
          services:
            dns:
              image: coredns/coredns:1.11.3
              ports:
                - "1053:53/udp"
        `,
        'compose.override.yaml': `
          services:
            dns:
              network_mode: host
              ports: !reset []
        `
      }
    },
    {
      name: 'network_mode of another service',
      files: {
        'compose.yaml': `
          services:
            vpn:
              image: qmcgaw/gluetun:v3.39
              ports:
                - "8888:8888"
            torrent:
              image: linuxserver/qbittorrent:4.6.7
              network_mode: "service:vpn"
        `
      }
    }
  ],
  invalid: [
    {
      name: 'ports under network_mode: host, with the lines to remove',
      files: {
        'compose.yaml': `
          services:
            pihole:
              image: pihole/pihole:2024.07.0
              network_mode: host
              ports:
                - "53:53/tcp"
                - "53:53/udp"
                - "80:80"
              environment:
                TZ: Europe/Berlin
        `
      },
      findings: [
        {
          file: 'compose.yaml',
          line: 5,
          column: 5,
          severity: 'error',
          message: MESSAGE('pihole'),
          fix: { line: 5, column: 1, endLine: 9, endColumn: 1, replacement: '' }
        }
      ]
    },
    {
      name: 'network_mode: host set in the override, ports in the base file',
      severity: 'warning',
      files: {
        'compose.yaml': `
          services:
            homeassistant:
              image: ghcr.io/home-assistant/home-assistant:2024.9
              ports: ["8123:8123"]
        `,
        'compose.override.yaml': `
          services:
            homeassistant:
              network_mode: host
        `
      },
      findings: [
        {
          file: 'compose.yaml',
          line: 4,
          column: 5,
          severity: 'warning',
          message: MESSAGE('homeassistant', ' (set in compose.override.yaml:3)'),
          fix: { line: 4, column: 1, endLine: 5, endColumn: 1, replacement: '' }
        }
      ]
    },
    {
      name: 'a flow-style service: no fix, the lines hold other keys',
      files: {
        'compose.yaml': `
          services:
            agent: { image: "datadog/agent:7", network_mode: host, ports: ["8125:8125/udp"] }
        `
      },
      findings: [
        {
          file: 'compose.yaml',
          line: 2,
          column: 58,
          severity: 'error',
          message: MESSAGE('agent'),
          fix: null
        }
      ]
    }
  ]
})
