/**
 * The Registry tab: every repository of the machine's simulated registry with its tags; choosing a tag
 * shows its manifest as a tree of descriptors (media type, size, digest). A digest is a button: it
 * copies the full digest to the clipboard and says so in a live region. Plain lists and buttons, so
 * keyboard and screen readers work without extra wiring.
 */
import { useCallback, useEffect, useReducer, useState, useSyncExternalStore } from 'react';
import type { PanelProps } from '../../app/panels';
import { formatSize, manifestTree, repositoryRows, type TreeNode } from './model';
import './registry.css';

function useStoreVersion(app: PanelProps['app']): number {
  const store = app.services.machine.registry;
  const [cell] = useState(() => ({ v: 0 }));
  const subscribe = useCallback(
    (cb: () => void) =>
      store.onChange(() => {
        cell.v++;
        cb();
      }),
    [store, cell],
  );
  return useSyncExternalStore(subscribe, () => cell.v);
}

/** Promises seen settled, so a view mounted later (or again) knows at once. */
const settled = new WeakSet<Promise<unknown>>();

/** Whether `promise` has settled (either way); re-renders once when it does. */
function useSettled(promise: Promise<unknown>): boolean {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const done = settled.has(promise);
  useEffect(() => {
    if (done) return;
    let live = true;
    const mark = () => {
      settled.add(promise);
      if (live) rerender();
    };
    promise.then(mark, mark);
    return () => {
      live = false;
    };
  }, [promise, done]);
  return done;
}

function DigestButton({ digest, onCopied }: { digest: string; onCopied: (text: string) => void }) {
  const copy = () => {
    const done = () => onCopied(`Copied ${digest}`);
    if (navigator.clipboard?.writeText)
      navigator.clipboard.writeText(digest).then(done, () => onCopied('The browser refused the clipboard; select the digest to copy it.'));
    else onCopied('The browser refused the clipboard; select the digest to copy it.');
  };
  return (
    <button type="button" className="registry-digest" onClick={copy} title="Copy this digest" aria-label={`Copy digest ${digest}`}>
      <code>{digest}</code>
    </button>
  );
}

function Tree({ node, onCopied }: { node: TreeNode; onCopied: (text: string) => void }) {
  const d = node.descriptor;
  return (
    <li>
      <div className="registry-node">
        <span className="registry-role">{node.role}</span>
        {node.title ? <span className="registry-title"> {node.title}</span> : null}
        <span className="registry-media">
          <code>{d.mediaType}</code>
        </span>
        {d.artifactType ? (
          <span className="registry-media">
            artifactType <code>{d.artifactType}</code>
          </span>
        ) : null}
        <span className="registry-size">{formatSize(d.size)}</span>
        <DigestButton digest={d.digest} onCopied={onCopied} />
      </div>
      {node.children.length ? (
        <ul>
          {node.children.map((c) => (
            <Tree key={c.role} node={c} onCopied={onCopied} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export function RegistryView({ app }: PanelProps) {
  useStoreVersion(app);
  const store = app.services.machine.registry;
  const [selected, setSelected] = useState<string | undefined>();
  const [status, setStatus] = useState('');
  const rows = repositoryRows(store);
  const usage = store.usage();
  const tree = selected ? manifestTree(store, selected) : undefined;
  // The public samples are built from the precompiled modules once they have downloaded (again after
  // `dojo reset`): until then the registry is not empty, only not filled yet.
  const seeding = !useSettled(app.modulesReady);
  return (
    <section className="registry-view" aria-labelledby="registry-heading">
      <h2 id="registry-heading">Registry</h2>
      <p className="registry-note">
        Simulated: this registry lives in your browser. {formatSize(usage.used)} of {formatSize(usage.quota)} used by {usage.blobs} blobs and{' '}
        {usage.manifests} manifests. Push with <code>oras</code>, <code>wasm-to-oci</code>, <code>wkg</code> or <code>spin registry push</code>.
      </p>
      {seeding ? <p className="registry-note">Adding the public sample images…</p> : rows.length === 0 ? <p>Nothing is stored yet.</p> : null}
      <ul className="registry-repos" aria-label="Repositories">
        {rows.map((r) => (
          <li key={r.repository}>
            <h3 className="registry-repo">
              <span className="registry-host">{r.host}/</span>
              {r.path}
            </h3>
            {r.tags.length ? (
              <ul className="registry-tags" aria-label={`Tags of ${r.repository}`}>
                {r.tags.map((t) => {
                  const ref = `${r.repository}:${t.tag}`;
                  return (
                    <li key={t.tag}>
                      <button
                        type="button"
                        className="registry-tag"
                        aria-pressed={selected === ref}
                        onClick={() => setSelected(selected === ref ? undefined : ref)}
                      >
                        {t.tag}
                      </button>{' '}
                      <code className="registry-short">{t.digest.slice(0, 19)}…</code>
                    </li>
                  );
                })}
              </ul>
            ) : (
              <p className="registry-untagged">No tags (pushed by digest only).</p>
            )}
          </li>
        ))}
      </ul>
      {tree && selected ? (
        <section aria-labelledby="registry-manifest-heading" className="registry-manifest">
          <h3 id="registry-manifest-heading">
            Manifest of <code>{selected}</code>
          </h3>
          <ul className="registry-tree">
            <Tree node={tree} onCopied={setStatus} />
          </ul>
        </section>
      ) : null}
      <p className="registry-status" role="status" aria-live="polite">
        {status}
      </p>
    </section>
  );
}
