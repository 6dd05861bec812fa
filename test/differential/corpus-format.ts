/**
 * The differential corpus format (test/differential/corpus/*.txt):
 *
 *   # lines before the first case are the file's own comments
 *   ## case name
 *   one line typed at the prompt
 *   the next line (a `\`, an open quote or a here-doc reads on, as in the terminal)
 *   #! differs: why this case's output is allowed to differ from bash's
 *
 * A case's lines are typed one by one into a fresh Dojo and run as one script through bash; `#!`
 * lines are the harness' own and belong to neither. Other `#` lines are part of the script (both
 * shells read them as comments).
 */
export interface CorpusCase {
  file: string;
  name: string;
  /** 1-based line of the `##` header, for messages. */
  line: number;
  lines: string[];
  /** Why the case's output may differ (null: it must match bash exactly). */
  differs: string | null;
}

export function parseCorpus(file: string, text: string): CorpusCase[] {
  const cases: CorpusCase[] = [];
  let current: CorpusCase | null = null;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    const header = /^## (.+)$/.exec(line);
    if (header) {
      current = { file, name: header[1]!.trim(), line: i + 1, lines: [], differs: null };
      cases.push(current);
      return;
    }
    if (!current) return;
    const differs = /^#! differs: (.+)$/.exec(line);
    if (differs) {
      current.differs = differs[1]!.trim();
      return;
    }
    if (line.startsWith('#!')) throw new Error(`${file}:${i + 1}: unknown harness directive: ${line}`);
    current.lines.push(line);
  });
  for (const c of cases) {
    while (c.lines.length && c.lines[c.lines.length - 1] === '') c.lines.pop();
    if (c.lines.length === 0) throw new Error(`${c.file}:${c.line}: case "${c.name}" has no lines`);
  }
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.name)) throw new Error(`${c.file}:${c.line}: case name "${c.name}" used twice`);
    seen.add(c.name);
  }
  return cases;
}

/** Maps bash's voice to ours: `bash: line 3: x: command not found` and `bash: x: …` both read `dojo: …`. */
export function normaliseBashVoice(text: string): string {
  return text.replace(/^bash: line \d+: /gm, 'dojo: ').replace(/^bash: /gm, 'dojo: ');
}
