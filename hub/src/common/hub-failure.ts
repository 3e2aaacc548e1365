import type { HubErrorCode, HubError } from '@shared/hub/errors';

/**
 * A coded failure a use case reports; the HTTP layer turns the code into a status (one map,
 * http/status.ts). It carries no HTTP status and no UI sentence of its own.
 */
export class HubFailure extends Error {
  readonly code: HubErrorCode;
  readonly details: HubError['details'];
  readonly issues: HubError['issues'];

  constructor(code: HubErrorCode, details?: HubError['details'], issues?: HubError['issues']) {
    super(code);
    this.name = 'HubFailure';
    this.code = code;
    this.details = details;
    this.issues = issues;
  }
}
