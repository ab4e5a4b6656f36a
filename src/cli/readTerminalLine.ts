import { SendCancelledError } from './errors.ts'

/** What `send` reads from: process.stdin, or a stream standing in for it in tests. */
export type CliInput = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?(mode: boolean): unknown }

export type ReadTerminalLineParameters = {
  input: CliInput
  /** Where the prompt (and the echo, unless hidden) goes: stderr, so stdout stays the result. */
  output: { write(text: string): unknown }
  prompt: string
  hidden: boolean
}

/**
 * One line typed on a terminal, in raw mode so that a hidden answer (a password) is never echoed.
 * Ctrl-C and Ctrl-D cancel. Node's readline has no "no echo" switch, hence this small loop.
 */
export function readTerminalLine({ input, output, prompt, hidden }: ReadTerminalLineParameters): Promise<string> {
  output.write(prompt)
  input.setRawMode?.(true)
  input.resume()
  return new Promise<string>((resolve, reject) => {
    let line = ''
    const finish = (error?: Error) => {
      input.removeListener('data', onData)
      input.setRawMode?.(false)
      input.pause()
      output.write('\n')
      if (error) reject(error)
      else resolve(line)
    }
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish()
        if (ch === '\u0003' || ch === '\u0004') return finish(new SendCancelledError({ reason: 'cancelled at the prompt' }))
        if (ch === '\u007f' || ch === '\b') {
          if (line.length > 0 && !hidden) output.write('\b \b')
          line = [...line].slice(0, -1).join('')
        } else if (ch >= ' ') {
          line += ch
          if (!hidden) output.write(ch)
        }
      }
    }
    input.on('data', onData)
  })
}

/** The first line of a piped stdin (`--password-stdin`), without its line ending. */
export function readFirstLine({ input }: { input: CliInput }): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let text = ''
    const done = () => {
      input.removeListener('data', onData)
      input.removeListener('end', done)
      input.removeListener('error', reject)
      input.pause()
      resolve(text.split(/\r?\n/)[0])
    }
    const onData = (chunk: Buffer | string) => {
      text += chunk.toString()
      if (/\r?\n/.test(text)) done()
    }
    input.on('data', onData)
    input.once('end', done)
    input.once('error', reject)
    input.resume()
  })
}
