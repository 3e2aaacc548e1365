import type { ScryptParams } from '../../electron/main/auth/password-hash';

/**
 * A cheap scrypt cost for test backends and demo operators in tests: the same hashing code as
 * production (passed as `passwordCost`), about 3 ms per hash instead of 0.35 s.
 */
export const TEST_PASSWORD_COST: ScryptParams = { N: 1024, r: 8, p: 1 };
