import type { Migration } from './migration';
import { migration001 } from './migrations/001-initial';

/** In version order, without gaps; the runner checks both. */
export const allMigrations: readonly Migration[] = [migration001];
