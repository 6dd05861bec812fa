import type { CommandDefinition } from '../../shell/types';

export const echo: CommandDefinition = {
  name: 'echo',
  summary: 'Print its arguments',
  usage: 'echo [-neE] [STRING]...',
  flags: [
    { name: '-n', description: 'do not print the trailing newline' },
    { name: '-e', description: 'interpret backslash escapes (\\n, \\t, \\\\, \\c ...)' },
    { name: '-E', description: 'do not interpret backslash escapes (default)' },
  ],
  async run(ctx) {
    const args = ctx.argv.slice(1);
    let newline = true;
    let escapes = false;
    // Like bash's builtin: only words made entirely of n/e/E count as options; anything else is text.
    while (args.length && /^-[neE]+$/.test(args[0]!)) {
      for (const f of args.shift()!.slice(1)) {
        if (f === 'n') newline = false;
        else escapes = f === 'e';
      }
    }
    let text = args.join(' ');
    if (escapes) {
      const { value, stop } = interpretEscapes(text);
      text = value;
      if (stop) newline = false;
    }
    ctx.stdout.write(newline ? text + '\n' : text);
    return 0;
  },
};

const SIMPLE: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

function interpretEscapes(s: string): { value: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i]!;
    if (n === 'c') return { value: out, stop: true };
    if (n in SIMPLE) out += SIMPLE[n];
    else if (n === '0') {
      const m = /^[0-7]{0,3}/.exec(s.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(m || '0', 8) & 0xff);
      i += m.length;
    } else if (n === 'x' && /^[0-9a-fA-F]/.test(s[i + 1] ?? '')) {
      const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(m, 16));
      i += m.length;
    } else out += '\\' + n;
  }
  return { value: out, stop: false };
}
