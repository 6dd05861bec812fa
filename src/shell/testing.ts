/** Moved to test/support/shell.ts; this path stays for the tests that still import it. */
export * from '../../test/support/shell';
