/**
 * The one way a grader message quotes something it did not write: the learner's answer or command
 * line, a file name, an argv word, a manifest entry, a path from the trace, a module's output.
 *
 * Messages are Markdown (the lesson pane renders them) and are also printed in the terminal, so the
 * quoted text must stay text in both:
 * - Markdown: it becomes a code span fenced by a backtick run longer than any inside it (CommonMark
 *   code spans end only at a run of the same length), padded with a space when it starts or ends
 *   with a backtick. Inside a code span `<img>`, `[x](y)` and `**` are literal. Line breaks become
 *   `⏎`: a code span cannot cross a blank line, and a line that starts with `<div` or `#` could end
 *   the paragraph it sits in.
 * - Terminal: control characters (ESC, BEL, C1…) become visible `\x1b`-style escapes, so quoted
 *   module output can never colour, retitle, or query the learner's terminal.
 * Long text is cut (with `…`) so a chatty module cannot flood the pane.
 */
const MAX_QUOTED = 200;

const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/** Control characters as visible `\x1b`-style escapes (line breaks kept when asked), for terminal text. */
export function printable(text: string, opts: { keepNewlines?: boolean } = {}): string {
  const t = opts.keepNewlines ? text : text.replace(/\r\n|\r|\n/g, '⏎');
  return t.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** `text` as an inert inline code span. */
export function quoteInput(text: string, max = MAX_QUOTED): string {
  let t = printable(text);
  // Tabs would be fine in Markdown but not always in a terminal column; one space reads the same.
  t = t.replace(/\t/g, ' ');
  if ([...t].length > max) t = [...t].slice(0, max - 1).join('') + '…';
  const longest = Math.max(0, ...[...t.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  // CommonMark strips one space on each side when both are present, so padding is invisible; a
  // span of spaces only is kept as is.
  const pad = t.startsWith('`') || t.endsWith('`') || (t.startsWith(' ') && t.endsWith(' ') && t.trim() !== '') ? ' ' : '';
  return t === '' ? '`""`' : `${fence}${pad}${t}${pad}${fence}`;
}
