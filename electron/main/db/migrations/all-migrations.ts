import type { Migration } from '../migration';
import { migration001Initial } from './001-initial';
import { migration002CreditEngine } from './002-credit-engine';
import { migration003OverridesAudit } from './003-overrides-audit';
import { migration004ImportExport } from './004-import-export';
import { migration005NamePairs } from './005-name-pairs';
import { migration006OutageRevisions } from './006-outage-revisions';
import { migration007CreditReversals } from './007-credit-reversals';
import { migration008SiteTimeZone } from './008-site-time-zone';
import { migration009HubSync } from './009-hub-sync';
import { migration010FaultReportsClaims } from './010-fault-reports-claims';
import { migration011ClawbackCredits } from './011-clawback-credits';
import { migration012HubOfflineArchive } from './012-hub-offline-archive';
import { migration013OperatorAdmin } from './013-operator-admin';
import { migration014AuditReading } from './014-audit-reading';
import { migration015FeedRowHash } from './015-feed-row-hash';
import { migration016DashboardTotals } from './016-dashboard-totals';
import { migration017CreditTotalsInsert } from './017-credit-totals-insert';
import { migration018HubSnapshot } from './018-hub-snapshot';
import { migration019EvidenceOutbox } from './019-evidence-outbox';
import { migration020HubRequestRefills } from './020-hub-request-refills';
import { migration021LimitsPerCurrency } from './021-limits-per-currency';
import { migration022HubEvidenceReceived } from './022-hub-evidence-received';
import { migration023HubCreditKeys } from './023-hub-credit-keys';
import { migration024PolicyRunOutcomes } from './024-policy-run-outcomes';
import { migration025VerifierKnownPosition } from './025-verifier-known-position';
import { migration026DashboardFiledVersion } from './026-dashboard-filed-version';
import { migration027GermanAccounts } from './027-german-accounts';
import { migration028RefusedClaims } from './028-refused-claims';

/** Every schema step this build knows, oldest first. Append only; never edit a landed one. */
export const allMigrations: readonly Migration[] = [
  migration001Initial, migration002CreditEngine, migration003OverridesAudit, migration004ImportExport,
  migration005NamePairs, migration006OutageRevisions, migration007CreditReversals, migration008SiteTimeZone,
  migration009HubSync, migration010FaultReportsClaims, migration011ClawbackCredits, migration012HubOfflineArchive,
  migration013OperatorAdmin, migration014AuditReading, migration015FeedRowHash, migration016DashboardTotals,
  migration017CreditTotalsInsert, migration018HubSnapshot, migration019EvidenceOutbox,
  migration020HubRequestRefills, migration021LimitsPerCurrency, migration022HubEvidenceReceived, migration023HubCreditKeys, migration024PolicyRunOutcomes, migration025VerifierKnownPosition,
  migration026DashboardFiledVersion, migration027GermanAccounts, migration028RefusedClaims,
];
