import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScreenPopLink } from './screen-pop-link';

describe('screen-pop links', () => {
  it.each([
    ['outage-credit-desk://lookup?phone=%2B12125550147', { by: 'phone', phone: '+12125550147', callId: null }],
    ['outage-credit-desk://lookup?phone=(212)%20555-0147&call=CALL-20240304-0042', { by: 'phone', phone: '+12125550147', callId: 'CALL-20240304-0042' }],
    ['OUTAGE-CREDIT-DESK://lookup?account=287100000001', { by: 'account', accountNumber: '287100000001', callId: null }],
    ['outage-credit-desk://lookup?call=C-77&account=287100000002', { by: 'account', accountNumber: '287100000002', callId: 'C-77' }],
  ])('looks up %s', (link, lookup) => {
    expect(parseScreenPopLink(link)).toEqual({ ok: true, lookup });
  });

  it.each([
    ['https://lookup?phone=2125550147', 'not_a_lookup_link'],
    ['outage-credit-desk://approve?account=287100000001', 'not_a_lookup_link'],
    ['outage-credit-desk://LOOKUP?account=287100000001', 'not_a_lookup_link'],
    ['outage-credit-desk://lookup?account=287100000001&role=admin', 'unknown_parameter'],
    ['outage-credit-desk://lookup?account=287100000001&account=287100000002', 'repeated_parameter'],
    ['outage-credit-desk://lookup?account=287100000001&phone=2125550147', 'one_target'],
    ['outage-credit-desk://lookup?call=C-77', 'one_target'],
    ['outage-credit-desk://lookup?phone=12', 'bad_phone'],
    ['outage-credit-desk://lookup?phone=%E0%A4%A', 'bad_phone'],
    ['outage-credit-desk://lookup?account=28710000000%27%3B', 'bad_account'],
    ['outage-credit-desk://lookup?account=287100000001&call=%3Cscript%3E', 'bad_call'],
  ])('refuses %s (%s)', (link, reason) => {
    expect(parseScreenPopLink(link)).toEqual({ ok: false, reason });
  });

  it('triggers nothing for any input that is not an allowed lookup link', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600, unit: 'binary' }), (text) => {
        const parsed = parseScreenPopLink(text);
        if (parsed.ok) expect(text.toLowerCase().startsWith('outage-credit-desk://lookup?')).toBe(true);
      }),
    );
  });

  it('finds the same account or phone in any allowed link built for it, whatever the parameter order', () => {
    const account = fc.stringMatching(/^\d{9,12}$/);
    const call = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{2,20}$/);
    fc.assert(
      fc.property(account, fc.option(call, { nil: undefined }), fc.boolean(), (accountNumber, callId, callFirst) => {
        const parts = [`account=${accountNumber}`, ...(callId ? [`call=${encodeURIComponent(callId)}`] : [])];
        const link = `outage-credit-desk://lookup?${(callFirst ? parts.reverse() : parts).join('&')}`;
        expect(parseScreenPopLink(link)).toEqual({ ok: true, lookup: { by: 'account', accountNumber, callId: callId ?? null } });
      }),
    );
  });

  it('never yields anything but a lookup, even for a link with extra text appended to an allowed one', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (tail) => {
        const parsed = parseScreenPopLink(`outage-credit-desk://lookup?account=287100000001${tail}`);
        if (parsed.ok) expect(Object.keys(parsed.lookup).sort()).toEqual(['accountNumber', 'by', 'callId']);
      }),
    );
  });
});
