// Ports below 1024 that a daemon of the host itself commonly holds on a stock Linux server or
// desktop. Publishing one of them on every interface collides with that daemon: the bind fails
// ("address already in use"), or, on a host where the daemon is not running, the workload
// silently takes the port from it. The `privileged-port` rule reports these as errors; the rule
// page (docs/rules/privileged-port.md) lists the same entries (the rule's test checks it does).

export interface HostDaemonPort {
  port: number
  /** Lower-case protocols the daemon listens on. */
  protocols: string[]
  /** Who holds it, for messages: `sshd`. */
  daemon: string
  source: string
}

export const HOST_DAEMON_PORTS: readonly HostDaemonPort[] = [
  {
    port: 22,
    protocols: ['tcp'],
    daemon: 'sshd',
    source: 'https://man.openbsd.org/sshd_config#Port'
  },
  {
    port: 25,
    protocols: ['tcp'],
    daemon: 'the mail transfer agent (Postfix, Exim)',
    source: 'https://www.postfix.org/postconf.5.html#inet_interfaces'
  },
  {
    port: 53,
    protocols: ['tcp', 'udp'],
    daemon: 'systemd-resolved (127.0.0.53) or dnsmasq',
    source:
      'https://www.freedesktop.org/software/systemd/man/latest/resolved.conf.html#DNSStubListener='
  },
  {
    port: 111,
    protocols: ['tcp', 'udp'],
    daemon: 'rpcbind',
    source: 'https://man7.org/linux/man-pages/man8/rpcbind.8.html'
  },
  {
    port: 123,
    protocols: ['udp'],
    daemon: 'the NTP daemon (ntpd, chronyd serving time)',
    source: 'https://chrony-project.org/doc/4.5/chrony.conf.html#port'
  },
  {
    port: 631,
    protocols: ['tcp'],
    daemon: 'CUPS',
    source: 'https://www.cups.org/doc/man-cupsd.conf.html'
  }
]

export function hostDaemonAt(port: number, protocol: string): HostDaemonPort | undefined {
  return HOST_DAEMON_PORTS.find(
    (entry) => entry.port === port && entry.protocols.includes(protocol.toLowerCase())
  )
}
