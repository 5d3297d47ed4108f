// Where a JSON text stops being JSON. V8 names the offset for most mistakes ("... at position
// 12") but not for every one (Node 20: `Unexpected token '}', "{"a": }" is not valid JSON`), so a
// small scanner finds it: the config error then names the line and column in every case.

/** Offset of the first character that makes `text` invalid JSON, or undefined when it is valid. */
export function jsonErrorOffset(text: string): number | undefined {
  let at = 0
  const fail = (): never => {
    throw new JsonStop(at)
  }
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++
  }
  const literal = (word: string) => {
    for (const char of word) {
      if (text[at] !== char) fail()
      at++
    }
  }
  const string = () => {
    at++ // the opening quote
    while (at < text.length) {
      const char = text[at]!
      if (char === '"') {
        at++
        return
      }
      if (char < ' ') fail()
      if (char === '\\') {
        at++
        const escape = text[at]
        if (escape === 'u') {
          for (let index = 1; index <= 4; index++) {
            if (!/[0-9a-fA-F]/.test(text[at + index] ?? '')) {
              at += index
              fail()
            }
          }
          at += 4
        } else if (escape === undefined || !'"\\/bfnrt'.includes(escape)) {
          fail()
        }
      }
      at++
    }
    fail()
  }
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at))
    if (!match) fail()
    at += match![0].length
  }
  const value = (): void => {
    space()
    const char = text[at]
    if (char === '{') return members('}', true)
    if (char === '[') return members(']', false)
    if (char === '"') return string()
    if (char === 't') return literal('true')
    if (char === 'f') return literal('false')
    if (char === 'n') return literal('null')
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return number()
    fail()
  }
  const members = (close: string, keyed: boolean) => {
    at++
    space()
    if (text[at] === close) {
      at++
      return
    }
    for (;;) {
      if (keyed) {
        space()
        if (text[at] !== '"') fail()
        string()
        space()
        if (text[at] !== ':') fail()
        at++
      }
      value()
      space()
      if (text[at] === ',') {
        at++
        continue
      }
      if (text[at] === close) {
        at++
        return
      }
      fail()
    }
  }
  try {
    value()
    space()
    if (at < text.length) fail()
    return undefined
  } catch (error) {
    if (error instanceof JsonStop) return error.offset
    throw error
  }
}

class JsonStop {
  constructor(readonly offset: number) {}
}
