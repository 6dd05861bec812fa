/**
 * Team-training files made in Node for the e2e tests and the bench, from the format itself (not by
 * importing the app's code): canonical JSON (keys sorted at every depth), a results file sealed with
 * the SHA-256 of it, and a plan link (`#/plan/` + base64url of the deflated canonical JSON).
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'fflate';

/** @param {any} v @returns {any} */
const sortKeys = (v) =>
  Array.isArray(v)
    ? v.map(sortKeys)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, sortKeys(v[k])]),
        )
      : v;

/** @param {unknown} v */
export const canonical = (v) => JSON.stringify(sortKeys(v));

/** A results body with its `digest`. @param {Record<string, unknown>} body */
export const seal = (body) => ({ ...body, digest: `sha256:${createHash('sha256').update(canonical(body)).digest('hex')}` });

/** The share link of a plan on the app at `base`. @param {string} base @param {unknown} plan */
export const planLinkAt = (base, plan) =>
  `${base}#/plan/${Buffer.from(deflateSync(new TextEncoder().encode(canonical(plan)), { level: 9 })).toString('base64url')}`;
