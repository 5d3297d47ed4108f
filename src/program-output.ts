// The CLI's stdout and stderr. Outside Windows they are written straight to file descriptors 1
// and 2: creating `process.stdout` loads Node's stream modules, and for a pipe its socket
// modules too, a few milliseconds of a start-up of about a hundred (docs/performance.md). What a
// user sees is the same: on POSIX, Node writes files and terminals synchronously anyway, and to a
// pipe the process waits at exit until its reader has taken everything; blocking on each write
// instead changes nothing for a program that writes its report and exits.
//
// Two cases hand the rest of the output, in order, to `process.stdout`/`process.stderr`: a
// descriptor that refuses a synchronous write (EAGAIN: a non-blocking pipe that is full, as some
// CI runners pass), and Windows, whose console wants the UTF-16 that libuv's TTY stream writes.
// A reader that went away (`port-hygiene | head`, EPIPE) ends that output quietly.
import { fstatSync, statSync, writeSync } from 'node:fs'

export interface ProgramOutput {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Whether stdout is a terminal (colours by default). */
  isTTY: boolean
}

/** The system calls the writer uses, passed in so that tests can refuse or shorten writes. */
export interface Descriptors {
  write: (fd: number, data: string | Uint8Array) => number
  stream: (fd: 1 | 2) => NodeJS.WritableStream
}

const PROCESS_DESCRIPTORS: Descriptors = {
  write: (fd, data) => (typeof data === 'string' ? writeSync(fd, data) : writeSync(fd, data)),
  stream: (fd) => quietOnEpipe(fd === 1 ? process.stdout : process.stderr)
}

export function programOutput(platform: NodeJS.Platform = process.platform): ProgramOutput {
  if (platform === 'win32') {
    return {
      stdout: (text) => void quietOnEpipe(process.stdout).write(text),
      stderr: (text) => void quietOnEpipe(process.stderr).write(text),
      isTTY: process.stdout.isTTY === true
    }
  }
  return {
    stdout: descriptorWriter(1, PROCESS_DESCRIPTORS),
    stderr: descriptorWriter(2, PROCESS_DESCRIPTORS),
    isTTY: isTerminal(1)
  }
}

/** Writes each text whole to `fd`, or hands it and what follows to the descriptor's stream. */
export function descriptorWriter(fd: 1 | 2, descriptors: Descriptors): (text: string) => void {
  let stream: NodeJS.WritableStream | undefined
  let closed = false
  return (text) => {
    if (closed) return
    if (stream) {
      stream.write(text)
      return
    }
    let rest: string | Uint8Array = text
    try {
      for (;;) {
        const written = descriptors.write(fd, rest)
        const size: number = typeof rest === 'string' ? Buffer.byteLength(rest) : rest.length
        if (written >= size) return
        // A short write (a pipe's buffer filled up): go on from the byte it stopped at.
        rest = (typeof rest === 'string' ? Buffer.from(rest) : rest).subarray(written)
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EPIPE') {
        closed = true
        return
      }
      if (code !== 'EAGAIN') throw error
      stream = descriptors.stream(fd)
      stream.write(rest)
    }
  }
}

/**
 * Only a character device can be a terminal, and the null device (`> /dev/null`, a script that
 * wants the exit code) never is; `node:tty` tells the others apart. It is loaded only then, since
 * it loads `node:net` (`process.getBuiltinModule` is Node 20.16+; before it, `process.stdout` says).
 */
function isTerminal(fd: 1): boolean {
  try {
    const stat = fstatSync(fd)
    if (!stat.isCharacterDevice() || stat.rdev === statSync(NULL_DEVICE).rdev) return false
  } catch {
    return false
  }
  const tty = process.getBuiltinModule?.('node:tty')
  return tty ? tty.isatty(fd) : process.stdout.isTTY === true
}

const NULL_DEVICE = '/dev/null'

function quietOnEpipe<T extends NodeJS.WritableStream>(stream: T): T {
  if (stream.listenerCount('error') === 0) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error
    })
  }
  return stream
}
