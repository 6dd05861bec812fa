/**
 * The Dojo's local OCI registry for Spin apps: `spin registry push` stores here, `spin registry pull`
 * and (later) the Kubernetes emulation read from here. In-memory: nothing leaves the browser.
 */

export interface StoredSpinApp {
  reference: string;
  manifestText: string;
  /** Component id -> module bytes. */
  modules: Map<string, Uint8Array>;
  digest: string;
}

export class LocalRegistry {
  private readonly apps = new Map<string, StoredSpinApp>();
  private readonly logins = new Map<string, string>();

  push(app: StoredSpinApp): void {
    this.apps.set(normaliseReference(app.reference), app);
  }

  pull(reference: string): StoredSpinApp | undefined {
    return this.apps.get(normaliseReference(reference));
  }

  list(): StoredSpinApp[] {
    return [...this.apps.values()];
  }

  login(server: string, username: string): void {
    this.logins.set(server, username);
  }

  loggedInAs(server: string): string | undefined {
    return this.logins.get(server);
  }
}

/** `ghcr.io/user/app` and `ghcr.io/user/app:latest` are the same image. */
export function normaliseReference(ref: string): string {
  const lastSlash = ref.lastIndexOf('/');
  const hasTag = ref.slice(lastSlash + 1).includes(':') || ref.includes('@');
  return hasTag ? ref : `${ref}:latest`;
}

/** `<registry>/<path>[:tag]`: a registry host (with a dot or port, or localhost) and a lowercase path. */
export function isValidReference(ref: string): boolean {
  return /^[a-z0-9.-]+(:\d+)?\/[a-z0-9._/-]+(:[A-Za-z0-9_.-]{1,128})?(@sha256:[a-f0-9]{64})?$/.test(ref) && /^[^/]*(\.|:|localhost)/.test(ref);
}

export const dojoRegistry = new LocalRegistry();

/** Hex sha256 of some bytes (Web Crypto exists in browsers and Node 20). */
export async function sha256Hex(data: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', data as unknown as ArrayBuffer);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
