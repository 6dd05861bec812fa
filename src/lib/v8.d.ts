// V8 (Chromium's and Node's engine) lets a program choose how many frames an Error's stack keeps.
// @types/node declares it; the engines compile without Node's types (tsconfig.engines.json).
interface ErrorConstructor {
  stackTraceLimit: number;
}
