import { isIP } from 'node:net'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isIPAddress, isIPv4, isIPv6 } from '../../../src/extract/compose/ip-address.js'

/** node:net's answer, without zones: Go's net.ParseIP takes none. */
const nodeSays = (text: string) => (text.includes('%') ? 0 : isIP(text))

describe('isIPAddress', () => {
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
      '1:2:3:4:5:6:7::',
      '::ffff:192.0.2.128',
      '64:ff9b::192.0.2.33',
      '1:2:3:4:5:6:1.2.3.4'
    ]) {
      expect(isIPAddress(address), address).toBe(true)
    }
  })

  it('refuses what is not an address', () => {
    for (const text of [
      '',
      'localhost',
      '1.2.3',
      '1.2.3.4.5',
      '01.2.3.4',
      '256.1.1.1',
      '1.2.3.4 ',
      '[::1]',
      '::1%eth0',
      ':::',
      '1:::2',
      '1::2::3',
      ':1:2:3:4:5:6:7',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7',
      '1:2:3:4::5:6:7:8',
      '::1:2:3:4:5:6:7:8',
      '1:2:3:4:5:6::1.2.3.4',
      '12345::',
      '::1.2.3',
      '1.2.3.4::',
      '::g'
    ]) {
      expect(isIPAddress(text), JSON.stringify(text)).toBe(false)
    }
  })

  it('agrees with node:net on addresses and on near-misses', () => {
    const v4 = fc.oneof(fc.ipV4(), fc.ipV4Extended())
    const nearMiss = fc
      .array(fc.constantFrom(...'0123456789abcdefABCDEFg.:'.split('')), { maxLength: 45 })
      .map((chars) => chars.join(''))
    // Groups and dotted parts joined by ':', '::' and '.' anywhere, so that most are near an address.
    const assembled = fc
      .array(
        fc.oneof(
          fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'.split('')), maxLength: 5 }),
          fc.ipV4(),
          fc.constantFrom('', ':', '.', '0', '00', '256')
        ),
        { maxLength: 10 }
      )
      .chain((parts) =>
        fc
          .array(fc.constantFrom(':', ':', ':', '::', '.'), {
            minLength: parts.length,
            maxLength: parts.length
          })
          .map((separators) => parts.map((part, i) => (i ? separators[i] : '') + part).join(''))
      )
    // Six to nine groups with `::` somewhere: around the limit of eight.
    const crowded = fc
      .tuple(fc.array(fc.constantFrom('1', 'ab', 'ffff'), { minLength: 6, maxLength: 9 }), fc.nat())
      .map(([groups, at]) => {
        const cut = at % (groups.length + 1)
        return `${groups.slice(0, cut).join(':')}::${groups.slice(cut).join(':')}`
      })
    fc.assert(
      fc.property(fc.oneof(v4, fc.ipV6(), nearMiss, assembled, crowded), (text) => {
        expect(isIPv4(text)).toBe(nodeSays(text) === 4)
        expect(isIPv6(text)).toBe(nodeSays(text) === 6)
      }),
      { numRuns: 20_000 }
    )
  })
})
