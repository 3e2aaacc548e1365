export type MigrationErrorCode =
  | 'DB_FROM_NEWER_VERSION'
  | 'DB_NEEDS_MIGRATION'
  | 'MIGRATIONS_OUT_OF_ORDER'
  | 'MIGRATION_FAILED'
  | 'PRAGMA_NOT_APPLIED';

/** Why the database could not be brought to the schema this build expects. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';

  constructor(
    readonly code: MigrationErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
