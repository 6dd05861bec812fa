/**
 * Spin templates: the installed set (`spin templates list`), placeholder rendering as Spin's Liquid
 * templates use it (`{{project-name | kebab_case}}`, `{{authors}}`, a simple `{% if %}`), and the files
 * `spin new` writes. The file contents live in
 * template-data.ts: spin.toml as Spin writes it, source files as the Dojo's own stand-ins.
 */
import { TEMPLATE_DATA, type TemplateData, type TemplateParameterData } from './template-data';

export type { TemplateData, TemplateParameterData };

/** What `{{authors}}` becomes (Spin reads git config user.name / user.email). */
export const DEFAULT_AUTHORS = 'Your Name <you@example.com>';

export function listTemplates(tag?: string): TemplateData[] {
  return TEMPLATE_DATA.filter((t) => !tag || t.tags.includes(tag));
}

export function findTemplate(id: string): TemplateData | undefined {
  return TEMPLATE_DATA.find((t) => t.id === id);
}

/** heck-style word split: separators, lower→Upper boundaries, and acronym ends ("HTTPServer"). */
function words(s: string): string[] {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase());
}

export const kebabCase = (s: string): string => words(s).join('-');
export const snakeCase = (s: string): string => words(s).join('_');
export const pascalCase = (s: string): string =>
  words(s)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

const FILTERS: Record<string, (s: string) => string> = {
  kebab_case: kebabCase,
  snake_case: snakeCase,
  pascal_case: pascalCase,
  upper_case: (s) => s.toUpperCase(),
  lower_case: (s) => s.toLowerCase(),
  path_safe: (s) => s.replace(/[^A-Za-z0-9_.-]/g, '_'),
};

/** Renders Spin template text with `values` (keys are parameter ids plus project-name/authors). */
export function renderTemplateText(text: string, values: Record<string, string>): string {
  const withIfs = text.replace(/\{%\s*if\s+(.+?)\s*%\}([\s\S]*?)\{%\s*endif\s*%\}/g, (_m, cond: string, body: string) =>
    evaluateCondition(cond, values) ? body : '',
  );
  return withIfs.replace(/\{\{\s*([A-Za-z0-9_-]+)\s*((?:\|\s*[a-z_]+\s*)*)\}\}/g, (whole, name: string, filters: string) => {
    let value = values[name];
    if (value === undefined) return whole;
    for (const f of filters
      .split('|')
      .map((x) => x.trim())
      .filter(Boolean)) {
      const fn = FILTERS[f];
      if (fn) value = fn(value);
    }
    return value;
  });
}

/** `a == 'y' or a == 'Y'`: the only condition shape the bundled templates use. */
function evaluateCondition(cond: string, values: Record<string, string>): boolean {
  return cond.split(/\s+or\s+/).some((part) => {
    const m = /^([A-Za-z0-9_-]+)\s*==\s*'([^']*)'$/.exec(part.trim());
    return m ? values[m[1]!] === m[2] : false;
  });
}

/** `Invalid value: ...` text when `value` breaks a parameter's pattern or allowed list; null if fine. */
export function checkParameterValue(param: TemplateParameterData, value: string): string | null {
  if (param.pattern && !new RegExp(param.pattern).test(value)) {
    return `Invalid value: '${value}' does not match pattern '${param.pattern}'`;
  }
  if (param.allowed && !param.allowed.includes(value)) {
    return `Invalid value: '${value}' is not one of ${param.allowed.map((a) => `'${a}'`).join(', ')}`;
  }
  return null;
}

/** The files `spin new` writes for `template` with these answers, paths relative to the new app. */
export function scaffoldFiles(
  template: TemplateData,
  projectName: string,
  answers: Record<string, string>,
  opts: { authors?: string; noVcs?: boolean } = {},
): Array<{ path: string; content: string }> {
  const values = { ...answers, 'project-name': projectName, authors: opts.authors ?? DEFAULT_AUTHORS };
  return Object.entries(template.files)
    .filter(([path]) => !(opts.noVcs && path === '.gitignore'))
    .map(([path, content]) => ({ path: renderTemplateText(path, values), content: renderTemplateText(content, values) }));
}

/**
 * `spin templates list`: comfy-table's ASCII_BORDERS_ONLY_CONDENSED preset with columns as wide as
 * their content (a space stands for the inner border, hence three spaces between columns).
 */
export function templatesTable(templates: readonly TemplateData[], verbose = false): string {
  const header = verbose ? ['Name', 'Description', 'Installed from'] : ['Name', 'Description'];
  const rows = templates.map((t) => (verbose ? [t.id, t.description, t.source] : [t.id, t.description]));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const inner = widths.reduce((a, b) => a + b, 0) + 3 * (widths.length - 1) + 2;
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('   ')} |`;
  return [`+${'-'.repeat(inner)}+`, line(header), `+${'='.repeat(inner)}+`, ...rows.map(line), `+${'-'.repeat(inner)}+`].join('\n');
}
