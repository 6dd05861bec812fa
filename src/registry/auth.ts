/**
 * Who may push where, as the clients see it. Public registries (ghcr.io, Docker Hub, quay.io, the cloud
 * registries) answer an anonymous push with 401; a local `registry:2` (`localhost:5000`, any host with a
 * port, 127.0.0.1) and ttl.sh (anonymous by design) take it. Pulls of what is stored need no login here:
 * the seeded sample images are public, and the Dojo treats the learner's pushes as public too. A login
 * records only the user name, in the Dojo's own store; the password is checked for being non-empty and
 * then dropped — the network is simulated and nothing leaves the browser.
 */
import { normalizeHost, type OciStore } from './store';

/** Hosts a push needs no login for. */
export function anonymousPushAllowed(host: string): boolean {
  const h = normalizeHost(host);
  if (/^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(h)) return true;
  if (h === 'ttl.sh') return true;
  return /:\d+$/.test(h);
}

/** Whether a push to `host` is allowed now: a login to it, or a host that takes anonymous pushes. */
export function mayPush(store: OciStore, host: string): boolean {
  return anonymousPushAllowed(host) || store.loggedInAs(host) !== undefined;
}

/** The one dim line after an unauthorized push. */
export function loginHint(host: string, loginCommand: string): string {
  return `simulated registry: pushing to ${normalizeHost(host)} needs a login first (\`${loginCommand}\`); any user name and password work, and they never leave the Dojo`;
}

/**
 * The registry's answer to an anonymous write, as oras-go's errcode prints it (`code: message`, the code
 * lower-cased): GHCR's message is the one its users report; others answer `authentication required`.
 */
export function unauthorizedMessage(host: string): string {
  return normalizeHost(host) === 'ghcr.io'
    ? 'unauthorized: unauthenticated: User cannot be authenticated with the token provided.'
    : 'unauthorized: authentication required';
}
