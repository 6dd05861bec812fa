import { describe, expect, it } from 'vitest';
import { AddressInUseError, LoopbackNetwork } from './network';
import { JobTable } from './jobs';
import { createMachine, resetMachine } from './services';

const ok = async () => ({ status: 200, headers: [], body: new Uint8Array() });
const req = { method: 'GET', url: 'http://127.0.0.1:3000/', headers: [], body: new Uint8Array() };

describe('LoopbackNetwork', () => {
  it('localhost is 127.0.0.1, and a 0.0.0.0 bind answers on it and clashes with it', async () => {
    const net = new LoopbackNetwork();
    const l = net.listen('0.0.0.0', 3000, ok, 'spin up');
    expect(net.lookup('localhost', 3000)).toBe(l);
    expect(() => net.listen('127.0.0.1', 3000, ok, 'wrangler dev')).toThrow(AddressInUseError);
    expect(await net.request('127.0.0.1', 3001, req)).toBeNull();
    net.close(l);
    expect(net.lookup('127.0.0.1', 3000)).toBeUndefined();
    expect(net.listen('localhost', 3000, ok, 'wrangler dev').address).toBe('127.0.0.1:3000');
  });
});

describe('JobTable', () => {
  it('resolves %N, %+, %- and a command prefix, and stopAll stops every job once', async () => {
    const jobs = new JobTable();
    const stopped: string[] = [];
    const a = jobs.add('spin up', () => stopped.push('a'));
    const b = jobs.add('kubectl port-forward svc/x 8083:80', () => stopped.push('b'));
    expect(jobs.resolve('%1')).toBe(a);
    expect(jobs.resolve('%+')).toBe(b);
    expect(jobs.resolve('%-')).toBe(a);
    expect(jobs.resolve('%kubectl')).toBe(b);
    expect(jobs.resolve(String(b.pid))).toBe(b);
    jobs.stopAll();
    jobs.stopAll();
    await Promise.all([a.done, b.done]);
    expect(stopped.sort()).toEqual(['a', 'b']);
    // Ids are reused from 1 once free, as bash's are.
    expect(jobs.add('wrangler dev', () => {}).id).toBe(1);
  });

  it("resetMachine closes a server job's listener with the job", () => {
    const m = createMachine();
    const l = m.network.listen('127.0.0.1', 8083, ok, 'kubectl port-forward');
    m.jobs.add('kubectl port-forward svc/x 8083:80', () => m.network.close(l));
    resetMachine(m);
    expect(m.network.list()).toEqual([]);
  });
});
