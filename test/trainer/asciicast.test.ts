import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Terminal } from '@xterm/headless';
import { CastWriter, markers, outputUntil, parseCast, sanitiseOutput, MAX_CAST_BYTES } from '../../src/trainer/asciicast';

function clock(start = 1_700_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

async function screen(text: string, cols = 80, rows = 24): Promise<string[]> {
  const term = new Terminal({ cols, rows, allowProposedApi: true });
  await new Promise<void>((r) => term.write(text, r));
  const out: string[] = [];
  for (let i = 0; i < rows; i++) out.push(term.buffer.active.getLine(i)?.translateToString(true) ?? '');
  term.dispose();
  return out;
}

describe('asciicast v2 writer and reader', () => {
  it('writes the header and events asciinema reads, and reads them back the same', () => {
    const c = clock();
    const w = new CastWriter({ width: 80, height: 24, title: 'drill' }, c.now);
    w.output('$ wasmtime hello.wasm\r\n');
    c.advance(1500);
    w.marker('path_open /data → ESUCCESS');
    w.output('\x1b[1mHello\x1b[0m\r\n');
    const text = w.toString();
    const lines = text.trim().split('\n');
    expect(JSON.parse(lines[0]!)).toEqual({ version: 2, width: 80, height: 24, title: 'drill', timestamp: 1_700_000_000 });
    expect(JSON.parse(lines[1]!)).toEqual([0, 'o', '$ wasmtime hello.wasm\r\n']);
    expect(JSON.parse(lines[2]!)).toEqual([1.5, 'm', 'path_open /data → ESUCCESS']);
    const back = parseCast(text);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.cast.events).toEqual([
      [0, 'o', '$ wasmtime hello.wasm\r\n'],
      [1.5, 'm', 'path_open /data → ESUCCESS'],
      [1.5, 'o', '\x1b[1mHello\x1b[0m\r\n'],
    ]);
    expect(markers(back.cast)).toEqual([{ t: 1.5, label: 'path_open /data → ESUCCESS' }]);
    expect(outputUntil(back.cast, 1)).toBe('$ wasmtime hello.wasm\r\n');
  });

  it('round-trips any printable output to the same screen', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme-ascii', maxLength: 30 }), { maxLength: 8 }), async (chunks) => {
        const c = clock();
        const w = new CastWriter({ width: 40, height: 10 }, c.now);
        for (const ch of chunks) {
          w.output(ch.replace(/[\x00-\x1f\x7f]/g, '') + '\r\n');
          c.advance(10);
        }
        const r = parseCast(w.toString());
        if (!r.ok) throw new Error(r.reason);
        expect(await screen(outputUntil(r.cast, Infinity), 40, 10)).toEqual(
          await screen(chunks.map((x) => x.replace(/[\x00-\x1f\x7f]/g, '') + '\r\n').join(''), 40, 10),
        );
      }),
      { numRuns: 30 },
    );
  });
});

describe('an imported recording is untrusted', () => {
  const cast = (...events: unknown[]) => [JSON.stringify({ version: 2, width: 80, height: 24 }), ...events.map((e) => JSON.stringify(e))].join('\n');

  it('drops OSC 52 clipboard writes and OSC 8 links of every scheme, keeping the text and the colours', () => {
    const r = parseCast(
      cast(
        [0, 'o', 'a\x1b]52;c;ZXZpbA==\x07b'],
        [0.1, 'o', '\x1b]8;;javascript:alert(1)\x1b\\click\x1b]8;;\x1b\\'],
        [0.2, 'o', '\x1b[31mred\x1b[0m'],
      ),
    );
    expect(r.ok && r.cast.events.map((e) => e[2])).toEqual(['ab', 'click', '\x1b[31mred\x1b[0m']);
  });

  it('judges an escape cut across two events whole', () => {
    const r = parseCast(cast([0, 'o', 'x\x1b]5'], [0.1, 'o', '2;c;ZXZpbA==\x07y']));
    expect(r.ok && r.cast.events.map((e) => e[2]).join('')).toBe('xy');
  });

  it('drops the queries a terminal would answer as typed input, and DCS strings', () => {
    expect(sanitiseOutput('a\x1b[6nb\x1b[cc\x1b[>cd\x1b[14te\x1bP$qm\x1b\\f')).toBe('abcdef');
    expect(sanitiseOutput('\x1b[2J\x1b[H\x1b[1;32mok')).toBe('\x1b[2J\x1b[H\x1b[1;32mok');
  });

  it('refuses what is not asciicast v2, too large or malformed, with a reason', () => {
    expect(parseCast('hello')).toEqual({ ok: false, reason: 'the first line is not an asciicast header (JSON)' });
    expect(parseCast('{"version":1,"width":80,"height":24}')).toMatchObject({ ok: false, reason: expect.stringMatching(/only asciicast version 2/) });
    expect(parseCast('{"version":2,"width":99999,"height":24}')).toMatchObject({ ok: false, reason: expect.stringMatching(/width and height/) });
    expect(parseCast(cast([0, 'o', 'a'], 'nope'))).toEqual({ ok: false, reason: 'line 3 is not an event [time, code, data]' });
    expect(parseCast('x'.repeat(MAX_CAST_BYTES + 1))).toMatchObject({ ok: false, reason: expect.stringMatching(/larger than/) });
    // Control characters in a title or marker cannot reach the page or the terminal.
    const r = parseCast(
      JSON.stringify({ version: 2, width: 80, height: 24, title: 'a\x1b]52;c;x\x07b\u0007' }) + '\n' + JSON.stringify([0, 'm', 'm\x1b[2Jk']),
    );
    expect(r.ok && [r.cast.header.title, r.cast.events[0]![2]]).toEqual(['ab', 'm[2Jk']);
  });
});
