/** Links from the phone system (outage-credit-desk://lookup?...). */
export const screenPopMessagesEn = {
  'screenPop.refused': 'The phone system sent a link this app does not accept: {reason} Look the caller up by hand.',
  'screenPop.dismiss': 'Dismiss',
  'screenPop.reason.not_a_lookup_link': 'it is not a lookup link.',
  'screenPop.reason.unknown_parameter': 'it carries a parameter other than phone, account or call.',
  'screenPop.reason.repeated_parameter': 'it names a parameter twice.',
  'screenPop.reason.one_target': 'it must name exactly one phone number or one account.',
  'screenPop.reason.bad_phone': 'its phone number is not a complete number.',
  'screenPop.reason.bad_account': 'its account number is not one.',
  'screenPop.reason.bad_call': 'its call id is not one.',
} as const;
