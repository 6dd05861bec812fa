/**
 * `kubectl get`'s printers (kubectl pkg/cmd/get/get.go, cli-runtime printers): tables with the
 * server's columns, `-o wide|name|yaml|json|jsonpath=…`, `--show-labels`, `-L`, several types at
 * once (NAME as `kind.group/name`, a blank line between blocks), the List wrapper, and the messages
 * for nothing found (on stderr, exit 0).
 */
import { columnsFor } from './columns';
import { getTable } from './table';
import { jsonPath, JsonPathError } from './jsonpath';
import { KubectlError } from './session';
import { kindGroup, type ResourceType } from '../../cluster/schema';
import type { KObject } from '../../cluster/types';
import { formatLabels } from '../../cluster/labels';
import { toYaml } from '../../cluster/yaml';

export interface PrintOptions {
  output?: string | undefined;
  showLabels?: boolean;
  labelColumns?: string[];
  allNamespaces?: boolean;
  noHeaders?: boolean;
  /** More than one type asked for: NAME cells carry the kind. */
  withKind?: boolean;
  now: number;
}

/** JSON as Go's typed structs print: apiVersion, kind, metadata first; status last. */
export function ordered(o: KObject): Record<string, unknown> {
  const { apiVersion, kind, metadata, status, ...rest } = o;
  return { apiVersion, kind, metadata, ...rest, ...(status !== undefined ? { status } : {}) };
}

export function nameOf(t: ResourceType, o: KObject): string {
  return `${kindGroup(t)}/${o.metadata.name}`;
}

export function printObjects(groups: Array<{ type: ResourceType; objs: KObject[] }>, opts: PrintOptions, single: boolean): string {
  const out = opts.output ?? '';
  const all = groups.flatMap((g) => g.objs.map((o) => ({ type: g.type, o })));
  if (out === 'name') return all.map(({ type, o }) => `${nameOf(type, o)}\n`).join('');
  if (out === 'json' || out === 'yaml' || out.startsWith('jsonpath')) {
    const items = all.map(({ o }) => ordered(o));
    const data = single && items.length === 1 ? items[0] : { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
    if (out === 'json') return `${JSON.stringify(data, null, 4)}\n`;
    if (out === 'yaml') return toYaml(data);
    const template = out.replace(/^jsonpath=/, '');
    if (template === out) throw new KubectlError('template format specified but no template given');
    try {
      return jsonPath(template, data);
    } catch (err) {
      throw new KubectlError(`error parsing jsonpath ${template}, ${err instanceof JsonPathError ? err.message : String(err)}`);
    }
  }
  if (out && out !== 'wide')
    throw new KubectlError(
      `unable to match a printer suitable for the output format "${out}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`,
    );
  const blocks: string[] = [];
  for (const g of groups) {
    if (!g.objs.length) continue;
    const cols = columnsFor(g.type);
    const wide = out === 'wide';
    const nsCol = opts.allNamespaces && g.type.namespaced;
    const labelCols = opts.labelColumns ?? [];
    const header = [
      ...(nsCol ? ['NAMESPACE'] : []),
      ...cols.headers,
      ...(wide ? (cols.wide ?? []) : []),
      ...labelCols.map((l) => (l.split('/').pop() ?? l).toUpperCase()),
      ...(opts.showLabels ? ['LABELS'] : []),
    ];
    const rows = g.objs.map((o) => {
      const cells = cols.row(o, opts.now);
      if (opts.withKind) cells[0] = nameOf(g.type, o);
      return [
        ...(nsCol ? [o.metadata.namespace ?? ''] : []),
        ...cells,
        ...(wide && cols.wideRow ? cols.wideRow(o, opts.now) : []),
        ...labelCols.map((l) => o.metadata.labels?.[l] ?? ''),
        ...(opts.showLabels ? [formatLabels(o.metadata.labels)] : []),
      ];
    });
    blocks.push(getTable(opts.noHeaders ? rows : [header, ...rows]));
  }
  return blocks.join('\n');
}

/** One row without the header (for `get -w`). */
export function rowsOnly(type: ResourceType, objs: KObject[], opts: PrintOptions): string {
  const text = printObjects([{ type, objs }], { ...opts, noHeaders: false }, false);
  return text.split('\n').slice(1).join('\n');
}
