/** Moved to test/support/lesson-rig.ts; this path stays for the tests that still import it. */
export * from '../../../test/support/lesson-rig';
