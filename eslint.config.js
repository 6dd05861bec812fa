// ESLint (`npm run lint:eslint`, part of `npm run lint`): JS's recommended rules everywhere,
// typescript-eslint's recommended rules on TS, the promise rules that need types (a forgotten
// `await` in an async terminal is a real bug class), and React's rules of hooks. Formatting is
// Prettier's business (`npm run format`), layers are dependency-cruiser's (.dependency-cruiser.cjs).
//
// typescript-eslint loads TypeScript's JS API, which TypeScript 7 (the native port) no longer has:
// the root `typescript` is 6.0.x for it, and `tsc` runs from TypeScript 7 (`typescript-7` in package.json).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'bench/.out/', 'node_modules/', 'public/', '.e2e-artifacts/', 'modules/**/*.js'] },
  js.configs.recommended,
  {
    rules: {
      // Terminal code matches escape sequences, and tests match tool output column by column.
      'no-control-regex': 'off',
      'no-regex-spaces': 'off',
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Object-literal hosts name their owner (`const shell = this`) so their methods read plainly.
      '@typescript-eslint/no-this-alias': 'off',
    },
  },
  {
    // Type-aware rules where a tsconfig.json program covers the file (the project service).
    files: ['src/**/*.{ts,tsx}', 'test/**/*.ts', '*.config.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // An async React handler (onClick={async () => …}) is fine: React ignores what it returns.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    files: ['src/**/*.tsx', 'src/ui/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Node scripts; e2e and bench also hand functions to the page (page.evaluate), hence the browser globals.
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
);
