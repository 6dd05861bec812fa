import { describe, expect, it } from 'vitest';
import { offlineLinkNotice } from './external-links';

const ORIGIN = 'https://dojo.example';

describe('offlineLinkNotice', () => {
  it('lets every link through while online', () => {
    expect(offlineLinkNotice('https://wasmtime.dev/', ORIGIN, true)).toBeNull();
  });
  it('names the outside host while offline', () => {
    expect(offlineLinkNotice('https://docs.wasmtime.dev/cli.html', ORIGIN, false)).toBe(
      'Offline: docs.wasmtime.dev needs the network. The link works again when you are back online.',
    );
  });
  it('lets same-origin and relative links through offline (the service worker serves them)', () => {
    expect(offlineLinkNotice('/#/lesson/wasmtime-dir', ORIGIN, false)).toBeNull();
    expect(offlineLinkNotice(`${ORIGIN}/icons/icon.svg`, ORIGIN, false)).toBeNull();
  });
  it('ignores non-web schemes and garbage', () => {
    expect(offlineLinkNotice('mailto:a@b.c', ORIGIN, false)).toBeNull();
    expect(offlineLinkNotice('blob:https://dojo.example/123', ORIGIN, false)).toBeNull();
    expect(offlineLinkNotice('http://[::1', ORIGIN, false)).toBeNull();
  });
});
