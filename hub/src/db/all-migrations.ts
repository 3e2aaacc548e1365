import type { Migration } from './migration';
import { migration001 } from './migrations/001-initial';
import { migration002 } from './migrations/002-append-logs';
import { migration003 } from './migrations/003-site-settings';
import { migration004 } from './migrations/004-carrier-data';
import { migration005 } from './migrations/005-billing-export';
import { migration006 } from './migrations/006-credit-adjustments';
import { migration007 } from './migrations/007-operator-admin';
import { migration008 } from './migrations/008-evidence';
import { migration009 } from './migrations/009-in-kind-consent';
import { migration010 } from './migrations/010-report-credit-requests';
import { migration011 } from './migrations/011-change-log-entity-index';
import { migration012 } from './migrations/012-german-accounts';
import { migration013 } from './migrations/013-limits-per-currency';
import { migration014 } from './migrations/014-set-based-references';
import { migration015 } from './migrations/015-policy-run-outcomes';
import { migration016 } from './migrations/016-credit-totals';
import { migration017 } from './migrations/017-export-request-ids';
import { migration018 } from './migrations/018-site-time-zone-admin';

/** In version order, without gaps; the runner checks both. */
export const allMigrations: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011, migration012, migration013, migration014, migration015, migration016, migration017, migration018];
