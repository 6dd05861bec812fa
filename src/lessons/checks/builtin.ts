/**
 * The check kinds every lesson can use. A new kind is a file beside these (see registry.ts) and one
 * line here; a feature that brings its own kind registers it on the app's registry instead.
 */
import { commandCheckKind } from './command';
import { fileCheckKind } from './file';
import { labCheckKind } from './lab';
import { leastPrivilegeCheckKind } from './least-privilege';
import { quizCheckKind } from './quiz';
import { CheckKindRegistry } from './registry';
import { spinOutboundCheckKind } from './spin-outbound';
import { registryCheckKind } from './oci';

/** Adds the built-in kinds to `registry`; returns their removal. */
function registerBuiltinCheckKinds(registry: CheckKindRegistry): () => void {
  const undo = [
    registry.register(commandCheckKind),
    registry.register(leastPrivilegeCheckKind),
    registry.register(fileCheckKind),
    registry.register(quizCheckKind),
    registry.register(spinOutboundCheckKind),
    registry.register(registryCheckKind),
    registry.register(labCheckKind),
  ];
  return () => undo.forEach((u) => u());
}

/** A fresh registry holding the built-in kinds. */
export function createCheckKindRegistry(): CheckKindRegistry {
  const registry = new CheckKindRegistry();
  registerBuiltinCheckKinds(registry);
  return registry;
}

let shared: CheckKindRegistry | undefined;

/** The built-in kinds, for callers that were given no registry (tests, the Node lesson loader). */
export function defaultCheckKinds(): CheckKindRegistry {
  return (shared ??= createCheckKindRegistry());
}
