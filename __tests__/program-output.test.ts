import { describe, expect, it } from 'vitest'
import { Writable } from 'node:stream'
import { descriptorWriter, type Descriptors } from '../src/program-output.js'

/** A descriptor that records what reached it; `limit` bytes per write, then `fail` once. */
function fakeDescriptors(options: { limit?: number; failAfter?: number; code?: string } = {}) {
  const written: Buffer[] = []
  const streamed: string[] = []
  let calls = 0
  let streams = 0
  const descriptors: Descriptors = {
    write: (_fd, data) => {
      calls++
      if (options.failAfter !== undefined && calls > options.failAfter) {
        throw Object.assign(new Error(`${options.code} fake`), { code: options.code })
      }
      const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data)
      const taken = bytes.subarray(0, options.limit ?? bytes.length)
      written.push(taken)
      return taken.length
    },
    stream: () => {
      streams++
      return new Writable({
        write(chunk: Buffer, _encoding, done) {
          streamed.push(chunk.toString())
          done()
        }
      })
    }
  }
  return {
    descriptors,
    text: () => Buffer.concat(written).toString(),
    streamed,
    calls: () => calls,
    streams: () => streams
  }
}

describe('descriptorWriter', () => {
  it('writes each text whole, in one call when the descriptor takes it all', () => {
    const fake = fakeDescriptors()
    const write = descriptorWriter(1, fake.descriptors)
    write('✖ 2 problems\n')
    write('↳ another claim\n')
    expect(fake.text()).toBe('✖ 2 problems\n↳ another claim\n')
    expect(fake.calls()).toBe(2)
  })

  it('goes on from the byte a short write stopped at, inside a multi-byte character too', () => {
    const fake = fakeDescriptors({ limit: 3 })
    const text = 'port 80 — ✖ ↳ done\n'
    descriptorWriter(1, fake.descriptors)(text)
    expect(fake.text()).toBe(text)
    expect(fake.calls()).toBe(Math.ceil(Buffer.byteLength(text) / 3))
  })

  it('ends the output quietly when the reader went away (EPIPE)', () => {
    const fake = fakeDescriptors({ failAfter: 1, code: 'EPIPE' })
    const write = descriptorWriter(1, fake.descriptors)
    write('first\n')
    expect(() => write('second\n')).not.toThrow()
    write('third\n')
    expect(fake.text()).toBe('first\n')
    expect(fake.calls()).toBe(2)
    expect(fake.streams()).toBe(0)
  })

  it('hands the rest and all that follows, in order, to the stream when a write would block', () => {
    const fake = fakeDescriptors({ limit: 4, failAfter: 2, code: 'EAGAIN' })
    const write = descriptorWriter(2, fake.descriptors)
    write('abcdefghij')
    write('klm')
    expect(fake.text()).toBe('abcdefgh')
    expect(fake.streamed).toEqual(['ij', 'klm'])
    expect(fake.streams()).toBe(1)
    expect(fake.calls()).toBe(3)
  })

  it('throws any other error', () => {
    const fake = fakeDescriptors({ failAfter: 0, code: 'EBADF' })
    expect(() => descriptorWriter(1, fake.descriptors)('x')).toThrow(/EBADF/)
  })
})
