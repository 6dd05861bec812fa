/**
 * The Dojo machine's loopback "network": servers (`spin up`, later `kubectl port-forward`, `wrangler dev`)
 * listen on `host:port` here and clients (`curl`) connect to them. Nothing touches real sockets (the Dojo is offline and runs in a browser tab).
 *
 * Addresses follow what a learner expects from a real machine: `localhost` and `127.0.0.1` are the
 * same host, and a server bound to `0.0.0.0` answers on every local name.
 */
import type { HttpRequest, HttpResponse } from '../net/http';

export interface ConnectionInfo {
  /** "ip:port" of the client, as the server sees it. */
  clientAddr: string;
}

export type RequestHandler = (req: HttpRequest, conn: ConnectionInfo) => Promise<HttpResponse>;

export interface Listener {
  /** As given to listen, normalised: "127.0.0.1:3000". */
  address: string;
  handler: RequestHandler;
  /** Who owns it, for `jobs`-style listings (e.g. "spin up"). */
  owner: string;
}

/** Hosts that mean "this machine". */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function normaliseHost(host: string): string {
  const h = host.toLowerCase();
  return LOOPBACK.has(h) ? '127.0.0.1' : h;
}

export class AddressInUseError extends Error {
  constructor(readonly address: string) {
    super('Address already in use (os error 98)');
    this.name = 'AddressInUseError';
  }
}

export class LoopbackNetwork {
  private readonly listeners = new Map<string, Listener>();
  private nextClientPort = 50000;

  /** Binds `host:port`; throws AddressInUseError when taken (including by a 0.0.0.0 wildcard bind). */
  listen(host: string, port: number, handler: RequestHandler, owner: string): Listener {
    const h = normaliseHost(host);
    const key = `${h}:${port}`;
    const clash = this.listeners.get(key) ?? (h === '0.0.0.0' ? this.anyOnPort(port) : this.listeners.get(`0.0.0.0:${port}`));
    if (clash) throw new AddressInUseError(key);
    const listener: Listener = { address: key, handler, owner };
    this.listeners.set(key, listener);
    return listener;
  }

  close(listener: Listener): void {
    if (this.listeners.get(listener.address) === listener) this.listeners.delete(listener.address);
  }

  /** The listener a client connecting to `host:port` reaches, if any. */
  lookup(host: string, port: number): Listener | undefined {
    const h = normaliseHost(host);
    const exact = this.listeners.get(`${h}:${port}`);
    if (exact) return exact;
    if (h === '127.0.0.1' || h === '0.0.0.0') return this.listeners.get(`0.0.0.0:${port}`) ?? this.listeners.get(`127.0.0.1:${port}`);
    return undefined;
  }

  /** Sends one request; null when nothing listens there (curl's "Couldn't connect"). */
  async request(host: string, port: number, req: HttpRequest): Promise<HttpResponse | null> {
    const listener = this.lookup(host, port);
    if (!listener) return null;
    const clientPort = this.nextClientPort++;
    if (this.nextClientPort > 65000) this.nextClientPort = 50000;
    return listener.handler(req, { clientAddr: `127.0.0.1:${clientPort}` });
  }

  list(): Listener[] {
    return [...this.listeners.values()];
  }

  private anyOnPort(port: number): Listener | undefined {
    return [...this.listeners.values()].find((l) => l.address.endsWith(`:${port}`));
  }
}
