/**
 * Offline answers for outbound HTTP from Spin components. The Dojo never leaves the browser, so an
 * allowed request to one of these URLs is answered from here (keyed by the full URL the guest sends,
 * see modules/abi/dojo_http.md); an allowed URL not listed fails like an unreachable server.
 */
import type { OutboundHttpPolicy } from '../runtime/types';

export const OUTBOUND_FIXTURES: OutboundHttpPolicy['fixtures'] = {
  'https://api.example.com/quote': {
    status: 200,
    headers: { 'content-type': 'text/plain' },
    body: 'The sandbox is the feature, not the limitation.\n',
  },
  'https://api.example.com/time': {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: '{"unixtime":1732406400,"timezone":"UTC"}\n',
  },
  'https://api.example.com/status': {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: '{"status":"ok"}\n',
  },
  'https://api.example.com/missing': {
    status: 404,
    headers: { 'content-type': 'text/plain' },
    body: 'not found\n',
  },
  'https://status.example.com/quote': {
    status: 200,
    headers: { 'content-type': 'text/plain' },
    body: 'All systems operational.\n',
  },
  'http://api.example.com/quote': {
    status: 200,
    headers: { 'content-type': 'text/plain' },
    body: 'The sandbox is the feature, not the limitation. (over plain http)\n',
  },
  'https://api.example.com:8443/quote': {
    status: 200,
    headers: { 'content-type': 'text/plain' },
    body: 'The sandbox is the feature, not the limitation. (port 8443)\n',
  },
};
