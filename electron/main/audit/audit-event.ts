/** The JSON values an audit event's before and after may hold. */
export type AuditJson = string | number | boolean | null | AuditJson[] | { [key: string]: AuditJson };

/** What a caller records; the log adds id, time, sequence and hashes. */
export interface AuditEventInput {
  /** Null when nobody is signed in (a refused call without a session). */
  readonly operatorId: number | null;
  /** `<area>.<verb>`, e.g. `override.submitted`, `override.refused`. */
  readonly action: string;
  /** `<kind>:<id>`, e.g. `override_request:01J...`, `channel:overridesSubmit`. */
  readonly target: string;
  readonly before: AuditJson | null;
  readonly after: AuditJson | null;
  readonly at: Date;
}

export interface AuditEventRow {
  readonly seq: number;
  readonly id: string;
  readonly at: string;
  readonly operatorId: number | null;
  readonly action: string;
  readonly target: string;
  readonly beforeJson: string | null;
  readonly afterJson: string | null;
  readonly prevHash: string;
  readonly hash: string;
  readonly version: number;
}

/** The prev_hash of the first event. */
export const GENESIS_HASH = '0'.repeat(64);
