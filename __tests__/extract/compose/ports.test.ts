import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  MAX_EXPANDED_RANGE,
  parseLongPortSpec,
  parsePortRange,
  parseShortPortSpec,
  isHostIP,
  unicityKey,
  type PortMapping
} from '../../../src/extract/compose/ports.js'

/** `{hostIP, published, target, protocol}` in the textual form the assertions read best in. */
function short(spec: string) {
  const result = parseShortPortSpec(spec)
  if (!result.ok) return { error: result.error }
  return result.mappings.map(describeMapping)
}

function describeMapping(mapping: PortMapping) {
  const text = (range?: { start: number; end: number }) =>
    range === undefined
      ? ''
      : range.start === range.end
        ? String(range.start)
        : `${range.start}-${range.end}`
  return {
    hostIP: mapping.hostIP,
    published: text(mapping.published),
    target: text(mapping.target),
    protocol: mapping.protocol
  }
}

describe('short syntax', () => {
  it.each([
    ['80', { hostIP: '', published: '', target: '80', protocol: 'tcp' }],
    ['8080:80', { hostIP: '', published: '8080', target: '80', protocol: 'tcp' }],
    [
      '127.0.0.1:8080:80/udp',
      { hostIP: '127.0.0.1', published: '8080', target: '80', protocol: 'udp' }
    ],
    ['[::1]:6000:6000', { hostIP: '::1', published: '6000', target: '6000', protocol: 'tcp' }],
    ['::1:6000:6000', { hostIP: '::1', published: '6000', target: '6000', protocol: 'tcp' }],
    ['6000:80/TCP', { hostIP: '', published: '6000', target: '80', protocol: 'tcp' }],
    ['8000-9000:80', { hostIP: '', published: '8000-9000', target: '80', protocol: 'tcp' }],
    ['80-82:8080/udp', { hostIP: '', published: '80-82', target: '8080', protocol: 'udp' }],
    ['0.0.0.0::53/sctp', { hostIP: '0.0.0.0', published: '', target: '53', protocol: 'sctp' }],
    ['0123:80', { hostIP: '', published: '123', target: '80', protocol: 'tcp' }]
  ])('%s is one mapping', (spec, expected) => {
    expect(short(spec)).toEqual([expected])
  })

  it('expands equal-length ranges into one mapping per port, as go-connections does', () => {
    expect(short('8000-8002:9000-9002')).toEqual([
      { hostIP: '', published: '8000', target: '9000', protocol: 'tcp' },
      { hostIP: '', published: '8001', target: '9001', protocol: 'tcp' },
      { hostIP: '', published: '8002', target: '9002', protocol: 'tcp' }
    ])
    expect(short('3000-3001')).toEqual([
      { hostIP: '', published: '', target: '3000', protocol: 'tcp' },
      { hostIP: '', published: '', target: '3001', protocol: 'tcp' }
    ])
  })

  it('keeps a range longer than the expansion cap as one paired mapping', () => {
    const end = 1000 + MAX_EXPANDED_RANGE
    expect(short(`1000-${end}:1000-${end}`)).toEqual([
      { hostIP: '', published: `1000-${end}`, target: `1000-${end}`, protocol: 'tcp' }
    ])
  })

  it.each([
    ['', 'No port specified: <empty>'],
    ['9999999', 'Invalid containerPort: 9999999'],
    ['70000:80', 'Invalid hostPort: 70000'],
    ['80/xyz', 'Invalid proto: xyz'],
    [
      '8000-8010:80-81',
      'Invalid ranges specified for container and host Ports: 80-81 and 8000-8010'
    ],
    ['9000-8000:80', 'Invalid hostPort: 9000-8000'],
    ['localhost:8080:80', 'Invalid ip address: localhost'],
    ['127.0.1:8080:80', 'Invalid ip address: 127.0.1'],
    ['[::1:8080:80', 'Invalid ip address: [::1'],
    // Go's net.ParseIP takes no zone; node:net's isIP would (isHostIP).
    ['[fe80::1%eth0]:8080:80', 'Invalid ip address: fe80::1%eth0'],
    ['8080:', 'No port specified: 8080:<empty>'],
    [' 80', 'Invalid containerPort:  80']
  ])('%j is rejected: %s', (spec, error) => {
    expect(short(spec)).toEqual({ error })
  })
})

describe('long syntax', () => {
  it('defaults protocol to tcp and mode to ingress, and takes published as number or string', () => {
    const numeric = parseLongPortSpec({ target: 80, published: 8080 })
    const text = parseLongPortSpec({ target: '80', published: '8080' })
    expect(numeric).toEqual(text)
    expect(numeric).toEqual({
      ok: true,
      mappings: [
        {
          hostIP: '',
          published: { start: 8080, end: 8080 },
          target: { start: 80, end: 80 },
          protocol: 'tcp',
          mode: 'ingress'
        }
      ]
    })
  })

  it('keeps a published range as one mapping, lowercases the protocol, keeps mode and name', () => {
    expect(
      parseLongPortSpec({
        target: 8080,
        published: '18000-18010',
        protocol: 'UDP',
        mode: 'host',
        name: 'rtp'
      })
    ).toEqual({
      ok: true,
      mappings: [
        {
          hostIP: '',
          published: { start: 18000, end: 18010 },
          target: { start: 8080, end: 8080 },
          protocol: 'udp',
          mode: 'host',
          name: 'rtp'
        }
      ]
    })
  })

  it.each([
    [{ published: 8080 }, "missing mandatory field 'target'"],
    [{ target: 'http' }, 'Invalid target port: http'],
    [{ target: 70000 }, 'Invalid target port: 70000'],
    [{ target: 80, published: 'x' }, 'Invalid published port: x'],
    [{ target: 80, host_ip: 'notavalidip' }, 'invalid ip address: notavalidip'],
    [{ target: 80, host_ip: 'fe80::1%eth0' }, 'invalid ip address: fe80::1%eth0'],
    [{ target: 80, protocol: 'icmp' }, 'Invalid proto: icmp']
  ])('%j is rejected', (fields, error) => {
    expect(parseLongPortSpec(fields)).toEqual({ ok: false, error })
  })
})

describe('unicity key (compose-go portIndexer)', () => {
  const key = (spec: string) => {
    const result = parseShortPortSpec(spec)
    if (!result.ok) throw new Error(result.error)
    return unicityKey(result.mappings[0]!)
  }
  it('treats an absent host IP as 0.0.0.0 and ignores mode', () => {
    expect(key('8080:80')).toBe(key('0.0.0.0:8080:80'))
    expect(key('8080:80')).toBe(key('8080:80/TCP'))
    expect(key('8080:80')).not.toBe(key('8080:81'))
    expect(key('8080:80')).not.toBe(key('127.0.0.1:8080:80'))
    expect(key('8080:80')).not.toBe(key('8080:80/udp'))
  })
})

describe('properties', () => {
  const port = fc.integer({ min: 0, max: 65535 })
  const ipv4 = fc
    .tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255))
    .map((parts) => parts.join('.'))
  const ipv6 = fc.ipV6()
  const protocol = fc.constantFrom('tcp', 'udp', 'sctp', 'TCP', 'Udp')

  it('formats any valid binding and reads the same values back', () => {
    fc.assert(
      fc.property(
        fc.option(fc.oneof(ipv4, ipv6), { nil: undefined }),
        fc.option(port, { nil: undefined }),
        port,
        fc.option(protocol, { nil: undefined }),
        (hostIP, published, target, proto) => {
          const host = hostIP === undefined ? '' : hostIP.includes(':') ? `[${hostIP}]` : hostIP
          const hostPart =
            hostIP === undefined
              ? published === undefined
                ? ''
                : `${published}:`
              : `${host}:${published ?? ''}:`
          const spec = `${hostPart}${target}${proto ? `/${proto}` : ''}`
          const result = parseShortPortSpec(spec)
          expect(result).toEqual({
            ok: true,
            mappings: [
              {
                hostIP: hostIP ?? '',
                ...(published === undefined
                  ? {}
                  : { published: { start: published, end: published } }),
                target: { start: target, end: target },
                protocol: (proto ?? 'tcp').toLowerCase(),
                mode: 'ingress'
              }
            ]
          })
        }
      )
    )
  })

  it('expands any equal-length range pair into consecutive single mappings', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 65000 }),
        fc.integer({ min: 0, max: 65000 }),
        fc.nat(30),
        (host, target, length) => {
          const result = parseShortPortSpec(`${host}-${host + length}:${target}-${target + length}`)
          expect(result.ok).toBe(true)
          if (!result.ok) return
          expect(result.mappings).toHaveLength(length + 1)
          result.mappings.forEach((mapping, offset) => {
            expect(mapping.published).toEqual({ start: host + offset, end: host + offset })
            expect(mapping.target).toEqual({ start: target + offset, end: target + offset })
          })
        }
      )
    )
  })

  it('never throws, and every mapping it returns holds ports in 0..65535 with a known protocol', () => {
    const portish = fc.stringMatching(/^[0-9:\-/[\]a-fA-F.tcpudsTCPUDS ]{0,24}$/)
    fc.assert(
      fc.property(fc.oneof(fc.string(), portish), (spec) => {
        const result = parseShortPortSpec(spec)
        if (!result.ok) return
        for (const mapping of result.mappings) {
          for (const range of [mapping.target, mapping.published]) {
            if (!range) continue
            expect(range.start).toBeGreaterThanOrEqual(0)
            expect(range.end).toBeLessThanOrEqual(65535)
            expect(range.start).toBeLessThanOrEqual(range.end)
          }
          expect(['tcp', 'udp', 'sctp']).toContain(mapping.protocol)
        }
      }),
      { numRuns: 2000 }
    )
  })

  it('parsePortRange accepts exactly what it can print back', () => {
    fc.assert(
      fc.property(port, port, (a, b) => {
        const [start, end] = a <= b ? [a, b] : [b, a]
        expect(parsePortRange(`${start}-${end}`)).toEqual({ ok: true, range: { start, end } })
      })
    )
  })
})

describe('isHostIP (Go net.ParseIP, as compose-go validates host IPs)', () => {
  it('takes addresses in every form Go accepts', () => {
    for (const address of [
      '0.0.0.0',
      '127.0.0.1',
      '255.255.255.255',
      '::',
      '::1',
      '1::',
      'fe80::1',
      '2001:db8::8a2e:370:7334',
      '2001:0db8:0000:0000:0000:ff00:0042:8329',
      'FE80::ABCD',
      '1:2:3:4:5:6:7::',
      '::ffff:192.0.2.128',
      '::FFFF:192.0.2.128',
      '64:ff9b::192.0.2.33',
      '1:2:3:4:5:6:1.2.3.4'
    ]) {
      expect(isHostIP(address), address).toBe(true)
    }
  })

  it('refuses what Go refuses: zones, leading zeros, brackets, names, malformed groups', () => {
    for (const text of [
      '',
      'localhost',
      '1.2.3',
      '1.2.3.4.5',
      '01.2.3.4',
      '1.2.3.04',
      '::ffff:1.2.3.04',
      '256.1.1.1',
      '1.2.3.4 ',
      ' ::1',
      '[::1]',
      '::1%eth0',
      'fe80::1%25en0',
      '::ffff:1.2.3.4%1',
      ':::',
      '1:::2',
      '1::2::3',
      ':1:2:3:4:5:6:7',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7',
      '1:2:3:4::5:6:7:8',
      '::1:2:3:4:5:6:7:8',
      '1:2:3:4:5:6::1.2.3.4',
      '1:2:3:4:5:6:7:1.2.3.4',
      '12345::',
      '::1.2.3',
      '1.2.3.4::',
      '::g'
    ]) {
      expect(isHostIP(text), JSON.stringify(text)).toBe(false)
    }
  })
})
