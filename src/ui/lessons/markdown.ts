/**
 * Lesson Markdown → safe pieces for React. Prose becomes HTML sanitised by DOMPurify; fenced code
 * stays as plain text so the pane can render it with copy / run buttons (never as HTML).
 * Where DOMPurify cannot run (no DOM, e.g. Node), prose is escaped instead: never unsanitised HTML.
 */
import DOMPurify from 'dompurify';
import { marked, type Token, type Tokens } from 'marked';

export type MarkdownPiece = { kind: 'html'; html: string } | { kind: 'code'; lang: string; text: string };

const SHELL_LANGS = new Set(['', 'sh', 'bash', 'shell', 'console', 'terminal']);

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export function sanitize(html: string): string {
  const purify = DOMPurify as unknown as { isSupported?: boolean; sanitize(h: string, cfg?: object): string };
  if (!purify.isSupported) return escapeHtml(html);
  return purify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input', 'button'], FORBID_ATTR: ['style'] });
}

export function renderMarkdown(md: string): MarkdownPiece[] {
  const tokens = marked.lexer(md, { gfm: true });
  const pieces: MarkdownPiece[] = [];
  let prose: Token[] = [];
  const flush = () => {
    if (prose.length === 0) return;
    const group = Object.assign(prose, { links: tokens.links });
    pieces.push({ kind: 'html', html: sanitize(marked.parser(group, { gfm: true })) });
    prose = [];
  };
  for (const t of tokens) {
    if (t.type === 'code') {
      flush();
      const code = t as Tokens.Code;
      pieces.push({ kind: 'code', lang: (code.lang ?? '').trim().split(/\s+/)[0] ?? '', text: code.text });
    } else prose.push(t);
  }
  flush();
  return pieces;
}

/** The command a "run" button types: shell blocks with exactly one command line (a leading "$ " dropped). */
export function runnableCommand(piece: { lang: string; text: string }): string | null {
  if (!SHELL_LANGS.has(piece.lang)) return null;
  const lines = piece.text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  if (lines.length !== 1) return null;
  return lines[0]!.replace(/^\$\s+/, '');
}
