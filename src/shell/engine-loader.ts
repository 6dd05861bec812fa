/**
 * The interpreter (parser, expansion, executor, language builtins) is its own chunk, loaded right
 * after the first prompt: the prompt needs only the Shell's state. Every line waits for it, which
 * after the first prompt is already done.
 */
type Engine = typeof import('./engine');

let engine: Engine | undefined;
let loading: Promise<Engine> | undefined;

export function loadEngine(): Promise<Engine> {
  loading ??= import('./engine').then(
    (m) => (engine = m),
    (err: unknown) => {
      loading = undefined;
      throw err;
    },
  );
  return loading;
}

/** The interpreter if it has loaded (the continuation prompt asks the parser only then). */
export function loadedEngine(): Engine | undefined {
  return engine;
}
