/**
 * API errors as the server returns them (apimachinery pkg/api/errors/errors.go): a reason, an HTTP
 * code, a message, and for Invalid the field causes. kubectl renders them (pkg/cmd/util/helpers.go
 * checkErr): `Error from server (<Reason>): <message>`, or for Invalid `The <Kind> "<name>" is invalid: …`.
 */
export type Reason = 'NotFound' | 'AlreadyExists' | 'Forbidden' | 'Invalid' | 'BadRequest' | 'InternalError' | 'Conflict' | 'MethodNotAllowed';

export interface FieldCause {
  field: string;
  /** `Required value`, `Invalid value: "x": why`, `Forbidden: why`… (pkg/util/validation/field/errors.go). */
  detail: string;
}

export class ApiError extends Error {
  constructor(
    readonly reason: Reason,
    message: string,
    readonly details: { kind?: string; name?: string; causes?: FieldCause[] } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** `pods "x" not found` (the resource is `<plural>` or `<plural>.<group>`). */
export function notFound(resource: string, name: string): ApiError {
  return new ApiError('NotFound', `${resource} "${name}" not found`);
}

export function alreadyExists(resource: string, name: string): ApiError {
  return new ApiError('AlreadyExists', `${resource} "${name}" already exists`);
}

/** field.ErrorList → one Invalid error, as NewInvalid builds it. */
export function invalid(kind: string, name: string, causes: FieldCause[]): ApiError {
  const text = causes.map((c) => `${c.field}: ${c.detail}`);
  const message = text.length === 1 ? `${kind} "${name}" is invalid: ${text[0]}` : `${kind} "${name}" is invalid: [${text.join(', ')}]`;
  return new ApiError('Invalid', message, { kind, name, causes });
}

/** field.Invalid's detail: strings quoted, numbers and booleans bare. */
export function invalidValue(value: unknown, why: string): string {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return `Invalid value: ${shown}: ${why}`;
}

/** The text kubectl prints for an error (one line or several), without the trailing newline. */
export function formatForKubectl(err: ApiError, sourcePrefix = ''): string {
  if (err.reason === 'Invalid' && err.details.causes?.length) {
    const { kind, name, causes } = err.details;
    if (causes.length === 1) return `The ${kind} "${name}" is invalid: ${causes[0]!.field}: ${causes[0]!.detail}`;
    return `The ${kind} "${name}" is invalid: \n${causes.map((c) => `* ${c.field}: ${c.detail}`).join('\n')}`;
  }
  return `Error from server (${err.reason}): ${sourcePrefix}${err.message}`;
}

/** apimachinery validation.RegexError for a DNS-1123 label (note the two spaces after 'my-name',). */
export const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

/** validation.IsDNS1123Subdomain's message. */
export const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
