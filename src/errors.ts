import type { z } from 'zod';

/**
 * One registry of every error Warden returns. Users and tests match on `code`,
 * never on message text; the proxy maps each entry once to the OpenAI and
 * Anthropic error shapes (see src/proxy/error-shapes.ts).
 */
export const ERRORS = {
  WARDEN_ERR_INVALID_JSON: { status: 400, openai: 'invalid_request_error', anthropic: 'invalid_request_error' },
  WARDEN_ERR_INVALID_REQUEST: { status: 400, openai: 'invalid_request_error', anthropic: 'invalid_request_error' },
  WARDEN_ERR_MISSING_KEY: { status: 401, openai: 'invalid_request_error', anthropic: 'authentication_error' },
  WARDEN_ERR_INVALID_KEY: { status: 401, openai: 'invalid_request_error', anthropic: 'authentication_error' },
  WARDEN_ERR_KEY_REVOKED: { status: 401, openai: 'invalid_request_error', anthropic: 'authentication_error' },
  WARDEN_ERR_KEY_EXPIRED: { status: 401, openai: 'invalid_request_error', anthropic: 'authentication_error' },
  WARDEN_ERR_ACCOUNT_SUSPENDED: { status: 403, openai: 'permission_error', anthropic: 'permission_error' },
  WARDEN_ERR_BLOCKED: { status: 403, openai: 'permission_error', anthropic: 'permission_error' },
  WARDEN_ERR_VERIFICATION_REQUIRED: { status: 403, openai: 'permission_error', anthropic: 'permission_error' },
  WARDEN_ERR_ADMIN_UNAUTHORIZED: { status: 401, openai: 'invalid_request_error', anthropic: 'authentication_error' },
  WARDEN_ERR_NOT_FOUND: { status: 404, openai: 'invalid_request_error', anthropic: 'not_found_error' },
  WARDEN_ERR_MODEL_NOT_FOUND: { status: 404, openai: 'invalid_request_error', anthropic: 'not_found_error' },
  WARDEN_ERR_WRONG_API_FOR_MODEL: { status: 400, openai: 'invalid_request_error', anthropic: 'invalid_request_error' },
  WARDEN_ERR_CONFLICT: { status: 409, openai: 'invalid_request_error', anthropic: 'invalid_request_error' },
  WARDEN_ERR_BODY_TOO_LARGE: { status: 413, openai: 'invalid_request_error', anthropic: 'request_too_large' },
  WARDEN_ERR_UNSUPPORTED_MEDIA_TYPE: { status: 415, openai: 'invalid_request_error', anthropic: 'invalid_request_error' },
  WARDEN_ERR_RATE_LIMITED: { status: 429, openai: 'rate_limit_error', anthropic: 'rate_limit_error' },
  WARDEN_ERR_INTERNAL: { status: 500, openai: 'server_error', anthropic: 'api_error' },
  WARDEN_ERR_UPSTREAM_UNAVAILABLE: { status: 502, openai: 'server_error', anthropic: 'api_error' },
  WARDEN_ERR_UPSTREAM_PROTOCOL: { status: 502, openai: 'server_error', anthropic: 'api_error' },
  WARDEN_ERR_UNAVAILABLE: { status: 503, openai: 'server_error', anthropic: 'overloaded_error' },
  WARDEN_ERR_UPSTREAM_TIMEOUT: { status: 504, openai: 'server_error', anthropic: 'api_error' },
  WARDEN_ERR_CONFIG: { status: 500, openai: 'server_error', anthropic: 'api_error' },
  WARDEN_ERR_STORE: { status: 500, openai: 'server_error', anthropic: 'api_error' },
  // Output governance (src/output).
  WARDEN_ERR_REASONING_NOT_ALLOWED: { status: 400, openai: 'invalid_request_error', anthropic: 'invalid_request_error' },
  WARDEN_ERR_REASONING_UNAVAILABLE: { status: 400, openai: 'invalid_request_error', anthropic: 'invalid_request_error' },
  // Audit trail (src/audit).
  WARDEN_ERR_AUDIT_INVALID_QUERY: { status: 400, openai: 'invalid_request_error', anthropic: 'invalid_request_error' },
  WARDEN_ERR_AUDIT_BAD_PROOF: { status: 400, openai: 'invalid_request_error', anthropic: 'invalid_request_error' },
  WARDEN_ERR_AUDIT_NOT_FOUND: { status: 404, openai: 'invalid_request_error', anthropic: 'not_found_error' },
  WARDEN_ERR_AUDIT_DISABLED: { status: 404, openai: 'invalid_request_error', anthropic: 'not_found_error' },
  WARDEN_ERR_AUDIT_VERIFY_FAILED: { status: 409, openai: 'invalid_request_error', anthropic: 'invalid_request_error' },
  WARDEN_ERR_AUDIT_CORRUPT: { status: 500, openai: 'server_error', anthropic: 'api_error' },
  WARDEN_ERR_AUDIT_KEY: { status: 500, openai: 'server_error', anthropic: 'api_error' },
  // Watermarks (src/watermark).
  WARDEN_ERR_WATERMARK_KEY: { status: 500, openai: 'server_error', anthropic: 'api_error' },
  WARDEN_ERR_WATERMARK_INPUT: { status: 400, openai: 'invalid_request_error', anthropic: 'invalid_request_error' },
  WARDEN_ERR_AUDIT_STORE: { status: 500, openai: 'server_error', anthropic: 'api_error' },
  WARDEN_ERR_AUDIT_CLOSED: { status: 503, openai: 'server_error', anthropic: 'overloaded_error' },
} as const satisfies Record<string, { status: number; openai: string; anthropic: string }>;

export type ErrorCode = keyof typeof ERRORS;

export class WardenError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Extra response headers (e.g. Retry-After) that belong with this error. */
  readonly headers: Record<string, string> | undefined;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; headers?: Record<string, string> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WardenError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.headers = options?.headers;
  }
}

export function isWardenError(err: unknown): err is WardenError {
  return err instanceof WardenError;
}

/** Renders zod issues as one line per bad field, naming the field by its path. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], source: string): string {
  const lines = issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    return `  - ${where}: ${issue.message}`;
  });
  return `invalid ${source}:\n${lines.join('\n')}`;
}
