/** A new desktop loading the site's carrier data from the hub (its snapshot), as the agent sees it. */
export const snapshotMessagesEn = {
  'snapshot.title': 'Loading the site’s customer data from the hub',
  'snapshot.searchSoon': 'Searching starts as soon as the accounts are in.',
  'snapshot.searchReady': 'Searching works now. Still loading: {tables}.',
  'snapshot.failed': 'Loading the customer data stopped; it starts again at the next sync with the hub.',
  'snapshot.progressLabel': 'Customer data loaded',
  'snapshot.tableRows': '{table}: {loaded} of {total}',
  'snapshot.table.accounts': 'accounts',
  'snapshot.table.outages': 'outages',
  'snapshot.table.credit_policies': 'credit policies',
  'snapshot.table.lines': 'lines',
  'snapshot.table.impacts': 'impacts',
  'snapshot.table.outage_policies': 'outage policies',
  'snapshot.table.credits': 'credits',
} as const;
