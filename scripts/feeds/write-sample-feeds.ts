import { Policy } from '@shared/policy/policy-schema';
import { builtInPolicies } from '@shared/policy/packs/built-in-policies';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';
import { demoOutages, dutchOutage, referenceOutage } from '../../electron/main/demo/demo-outages';
import { DEMO_SEED, generateAccounts, type OutageIds } from '../../electron/main/demo/generate-dataset';
import { demoOutagePolicies } from '../../electron/main/policies/seed-policies';
import { feedDatasetWriter, openFeedFile, outageFeedRows } from './write-feed-files';

/** How many generated accounts the samples carry: the first ones of the demo database. */
export const SAMPLE_GENERATED_ACCOUNTS = 40;
const SAMPLE_CREATED_AT = '2024-03-01T00:00:00.000Z';

/**
 * The sample feeds that ship in resources/sample-feeds: the first demo accounts, the
 * well-known demo accounts, the demo outages, the built-in policies attached as in the
 * demo, and two scheduled credits ready for the billing export. Accounts and lines are
 * CSV, the rest NDJSON, so both formats are exercised. Importing them into the demo
 * database changes nothing but the credits, because they are the same rows.
 */
export function writeSampleFeeds(dir: string): void {
  const outages = openFeedFile(dir, 'outages', 'ndjson');
  for (const row of outageFeedRows()) outages.write(row);
  outages.close();

  const sinks = {
    accounts: openFeedFile(dir, 'accounts', 'csv'),
    lines: openFeedFile(dir, 'lines', 'csv'),
    impacts: openFeedFile(dir, 'impacts', 'ndjson'),
  };
  const ids: OutageIds = { reference: 1, dutch: 2, weather: 3, ongoing: 4 };
  const writer = feedDatasetWriter(sinks, demoOutages.map((o) => o.sourceId));
  generateAccounts(writer, ids, { accounts: SAMPLE_GENERATED_ACCOUNTS, seed: DEMO_SEED });

  Object.values(demoAccounts).forEach((demo, n) => {
    const outage = demo.outage === 'reference' ? referenceOutage : dutchOutage;
    const accountId = writer.insertAccount([
      `DEMO-A${n + 1}`, demo.accountNumber, demo.holderName, '', demo.email, '', demo.lines[0]?.numberE164 ?? '',
      demo.brand, demo.segment, demo.paymentType, 'active', demo.billCycleDay, demo.currency,
      demo.lines.reduce((sum, line) => sum + line.monthlyRateMinor, 0), demo.country, demo.region, demo.postalCode, '',
      demo.preferredLanguage, SAMPLE_CREATED_AT,
    ]);
    demo.lines.forEach((line, l) => {
      const lineId = writer.insertLine([`DEMO-L${n + 1}-${l + 1}`, accountId, line.numberE164, line.serviceType, line.monthlyRateMinor, 'active']);
      const endsAt = outage.endsAt as string;
      const lost = Math.round((Date.parse(endsAt) - Date.parse(outage.startsAt)) / 60_000);
      writer.insertImpact([`DEMO-I${n + 1}-${l + 1}`, demo.outage === 'reference' ? 1 : 2, lineId, outage.startsAt, endsAt, lost, 1]);
    });
  });
  sinks.accounts.close();
  sinks.lines.close();
  sinks.impacts.close();

  const policies = openFeedFile(dir, 'credit_policies', 'ndjson');
  for (const input of builtInPolicies) {
    const rules = Policy.parse(input);
    const links = demoOutagePolicies.filter((p) => p.policyCode === rules.code && p.policyVersion === rules.version);
    policies.write({ code: rules.code, version: rules.version, outage_source_ids: links.map((l) => l.outageSourceId), rules });
  }
  policies.close();

  const credits = openFeedFile(dir, 'credits', 'ndjson');
  credits.write({
    source_id: 'BILL-CR-0001', account_source_id: 'DEMO-A1', outage_source_id: referenceOutage.sourceId,
    policy_code: 'att-2024-02-make-it-right', policy_version: 1, amount_minor: 500, currency: 'USD',
    source: 'automatic', status: 'scheduled', scheduled_on: '2024-03-01', bill_date: '2024-03-14', created_at: SAMPLE_CREATED_AT,
  });
  credits.write({
    source_id: 'BILL-CR-0002', account_source_id: 'DEMO-A5', outage_source_id: dutchOutage.sourceId,
    policy_code: 'nl-telecommunicatiewet-outage', policy_version: 1, amount_minor: 310, currency: 'EUR',
    source: 'automatic', status: 'scheduled', scheduled_on: '2024-09-12', bill_date: '2024-10-01', created_at: '2024-09-12T00:00:00.000Z',
  });
  credits.close();
}
