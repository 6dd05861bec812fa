/**
 * Which Monaco language a file gets, and the two grammars Monaco does not ship (TOML, WAT).
 * Kept free of Monaco imports so the mapping is testable; the grammars are plain Monarch data.
 */

export type EditorLanguage = 'toml' | 'yaml' | 'rust' | 'c' | 'wat' | 'json' | 'markdown' | 'shell' | 'go' | 'plaintext';

const BY_EXTENSION: Record<string, EditorLanguage> = {
  toml: 'toml',
  yaml: 'yaml',
  yml: 'yaml',
  rs: 'rust',
  c: 'c',
  h: 'c',
  wat: 'wat',
  wast: 'wat',
  json: 'json',
  md: 'markdown',
  sh: 'shell',
  go: 'go',
};

export function languageOfPath(path: string): EditorLanguage {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return 'plaintext';
  return BY_EXTENSION[base.slice(dot + 1).toLowerCase()] ?? 'plaintext';
}

/** Monarch grammar for TOML: tables, keys, strings, numbers, booleans, dates, comments. */
export const tomlGrammar = {
  defaultToken: '',
  tokenizer: {
    root: [
      [/#.*$/, 'comment'],
      [/^\s*\[\[[^\]]*\]\]/, 'type'],
      [/^\s*\[[^\]]*\]/, 'type'],
      [/[A-Za-z0-9_.-]+(?=\s*=)/, 'key'],
      [/"""/, 'string', '@mlBasic'],
      [/'''/, 'string', '@mlLiteral'],
      [/"([^"\\]|\\.)*"/, 'string'],
      [/'[^']*'/, 'string'],
      [/\b(true|false)\b/, 'keyword'],
      [/\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?)?/, 'number'],
      [/[+-]?(0x[0-9A-Fa-f_]+|0o[0-7_]+|0b[01_]+|\d[\d_]*(\.\d+)?([eE][+-]?\d+)?|inf|nan)/, 'number'],
      [/[{}[\],=]/, 'delimiter'],
    ],
    mlBasic: [
      [/"""/, 'string', '@pop'],
      [/./, 'string'],
    ],
    mlLiteral: [
      [/'''/, 'string', '@pop'],
      [/./, 'string'],
    ],
  },
};

/** Monarch grammar for the WebAssembly text format. */
export const watGrammar = {
  defaultToken: '',
  keywords: [
    'module',
    'func',
    'param',
    'result',
    'local',
    'global',
    'memory',
    'table',
    'type',
    'import',
    'export',
    'data',
    'elem',
    'start',
    'mut',
    'block',
    'loop',
    'if',
    'then',
    'else',
    'end',
    'br',
    'br_if',
    'br_table',
    'return',
    'call',
    'call_indirect',
    'unreachable',
    'nop',
    'drop',
    'select',
    'offset',
    'funcref',
    'externref',
  ],
  tokenizer: {
    root: [
      [/;;.*$/, 'comment'],
      [/\(;/, 'comment', '@blockComment'],
      [/"([^"\\]|\\.)*"/, 'string'],
      [/\$[A-Za-z0-9_.+\-*/\\^~=<>!?@#$%&|:'`]+/, 'variable'],
      [/\b(i32|i64|f32|f64|v128)(\.[a-z0-9_]+)?\b/, 'type'],
      [/\b(local|global|memory|table|ref)\.[a-z_]+\b/, 'keyword'],
      [/[a-z_]+/, { cases: { '@keywords': 'keyword', '@default': 'identifier' } }],
      [/[+-]?(0x[0-9A-Fa-f_]+|\d[\d_]*(\.\d+)?)/, 'number'],
      [/[()]/, '@brackets'],
    ],
    blockComment: [
      [/;\)/, 'comment', '@pop'],
      [/./, 'comment'],
    ],
  },
};
