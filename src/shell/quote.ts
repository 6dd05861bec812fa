/** Quoting a word so this shell (and bash) reads it back unchanged, e.g. a path in a typed command. */

/** Characters that need no quoting anywhere in a word. */
const SAFE = /^[A-Za-z0-9_\-+.,:=@%^/]+$/;

/** `my file.txt` → `'my file.txt'`, `it's` → `'it'\''s'`; a word that needs nothing stays as it is. */
export function quoteWord(word: string): string {
  if (SAFE.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
