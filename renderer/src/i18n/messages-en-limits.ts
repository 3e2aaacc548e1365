/** The admin screen for override limits. */
export const limitsMessagesEn = {
  'nav.overrideLimits': 'Override limits',
  'limits.title': 'Override limits',
  'limits.intro': 'Main enforces these on every override request and every approval, whatever the screen sends.',
  'limits.perRequestCap': 'Largest amount per request',
  'limits.perRequestCapHint': 'In the account currency, for example 50.00.',
  'limits.agentDailyTotal': 'Approved total per agent per day',
  'limits.agentDailyTotalHint': 'Counted per UTC day, across all of the agent’s approved requests.',
  'limits.expiryDays': 'Days before an undecided request expires',
  'limits.expiryDaysHint': 'From 1 to 90 days.',
  'limits.error.amount': 'Enter an amount above zero, such as 50 or 50.00.',
  'limits.error.expiryDays': 'Enter a whole number of days from 1 to 90.',
  'limits.error.dailyBelowCap': 'The daily total cannot be below the largest amount per request.',
  'limits.save': 'Save limits',
  'limits.saving': 'Saving…',
  'limits.saved': 'Limits saved. They apply to the next request and decision.',
  'limits.loading': 'Loading the current limits…',
} as const;
