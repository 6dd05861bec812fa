/**
 * How the trainer reads a typed command: the same argument parsers the terminal runs (wasmtime's
 * clap-like parser, wasmedge's own), handed in by the app (an engine never imports a command).
 * A reader answers for the tools it knows and returns undefined for the rest.
 */

export interface ReadDir {
  host: string;
  guest: string;
  readonly: boolean;
  /** As typed, e.g. "--dir=/data". */
  text: string;
}

export interface ReadEnv {
  name: string;
  /** Absent for `--env NAME` (inherited from the shell). */
  value?: string;
  text: string;
}

export type CommandReading =
  | {
      ok: true;
      tool: string;
      module: string;
      dirs: ReadDir[];
      env: ReadEnv[];
      /** `-S inherit-env` (wasmtime): the whole environment. */
      inheritEnv?: string;
      /** Network grants as typed (`-S inherit-network`, `-S tcplisten=…`). */
      network: string[];
      guestArgs: string[];
    }
  /** The parser refused the line: its own error text (first line), as the terminal would print it. */
  | { ok: false; tool: string; error: string };

export type CommandReader = (argv: string[]) => CommandReading | undefined;

/** Splits one command line into words as the shell would for a plain command (quotes, backslashes). */
export function splitCommand(line: string): { words: string[] } | { error: string } {
  const words: string[] = [];
  let cur = '';
  let has = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { error: 'an unterminated quote' };
      cur += line.slice(i + 1, end);
      has = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length) j++;
        cur += line[j];
      }
      if (j >= line.length) return { error: 'an unterminated quote' };
      has = true;
      i = j;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      has = true;
    } else if (c === ' ' || c === '\t') {
      if (has) words.push(cur);
      cur = '';
      has = false;
    } else if (';|&<>()`$'.includes(c)) {
      return { error: 'one plain command is asked for (no pipes, redirects, variables or lists)' };
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) words.push(cur);
  return { words };
}
