/**
 * Hooks the Kubernetes schema check into the editor: a `.yaml`/`.yml` file holding a Kubernetes
 * object (an `apiVersion` and a `kind` at the top level of a document) shows what `kubectl apply`'s
 * strict decoding would refuse (unknown fields, wrong types, a kind without its CRD) while the
 * learner types. Other YAML (a GitHub workflow, a Helm values file) gets only its syntax errors.
 * Loaded after the first prompt: the schemas never enter the pre-prompt bundle.
 */
import { registerFormatValidator } from '../editor/diagnostics';
import { diagnoseKubernetes } from '../editor/kubernetes';

/** A document's top level has both keys (the cheap test before the YAML is parsed for the schema). */
export function looksLikeKubernetes(text: string): boolean {
  return /^apiVersion:/m.test(text) && /^kind:/m.test(text);
}

let users = 0;
let unregister: (() => void) | undefined;

/** Registers the check (once however many dojos ask: the editor's seam is global); returns the undo. */
export function registerKubernetesDiagnostics(): () => void {
  if (users++ === 0) unregister = registerFormatValidator('yaml', (text) => (looksLikeKubernetes(text) ? diagnoseKubernetes(text) : []));
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (--users === 0) unregister?.();
  };
}
