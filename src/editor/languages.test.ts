import { describe, expect, it } from 'vitest';
import { languageOfPath } from './languages';

describe('languageOfPath', () => {
  it.each([
    ['/home/learner/my-api/spin.toml', 'toml'],
    ['/k8s/runtimeclass.yaml', 'yaml'],
    ['/k8s/app.YML', 'yaml'],
    ['/src/lib.rs', 'rust'],
    ['/modules/hello.c', 'c'],
    ['/home/learner/hello.wat', 'wat'],
    ['/data/config.json', 'json'],
    ['/home/learner/README', 'plaintext'],
    ['/home/learner/.bashrc', 'plaintext'],
  ])('%s → %s', (path, lang) => {
    expect(languageOfPath(path)).toBe(lang);
  });
});
