import { describe, expect, it } from 'vitest';
import { createScreenPopInbox, lookupOfHubPop, screenPopLinkIn } from './screen-pop-inbox';

const link = (n: number) => `outage-credit-desk://lookup?account=28710000${String(n).padStart(4, '0')}`;

describe('the screen-pop inbox', () => {
  it('answers at once with a link that came before anyone asked', async () => {
    const inbox = createScreenPopInbox();
    inbox.offer(link(1));
    expect(await inbox.next(1_000)).toEqual({ ok: true, lookup: { by: 'account', accountNumber: '287100000001', callId: null } });
  });

  it('hands a link to the call already waiting for one', async () => {
    const inbox = createScreenPopInbox();
    const waiting = inbox.next(5_000);
    inbox.offer('outage-credit-desk://lookup?phone=2125550147&call=CALL-9');
    expect(await waiting).toEqual({ ok: true, lookup: { by: 'phone', phone: '+12125550147', callId: 'CALL-9' } });
  });

  it('answers a malformed link with its reason, and nothing else', async () => {
    const inbox = createScreenPopInbox();
    inbox.offer('outage-credit-desk://lookup?account=1&role=admin');
    expect(await inbox.next(1_000)).toEqual({ ok: false, reason: 'unknown_parameter' });
  });

  it('answers null when no link comes in time, and on close', async () => {
    const inbox = createScreenPopInbox();
    expect(await inbox.next(5)).toBeNull();
    const waiting = inbox.next(60_000);
    inbox.close();
    expect(await waiting).toBeNull();
  });

  it('keeps the ten newest links when nobody takes them', async () => {
    const inbox = createScreenPopInbox();
    for (let n = 1; n <= 12; n += 1) inbox.offer(link(n));
    const taken = [];
    for (let n = 0; n < 10; n += 1) taken.push(await inbox.next(5));
    expect(taken.map((e) => (e?.ok && e.lookup.by === 'account' ? e.lookup.accountNumber : null))).toEqual(
      Array.from({ length: 10 }, (_, i) => `28710000${String(i + 3).padStart(4, '0')}`),
    );
    expect(await inbox.next(5)).toBeNull();
  });

  it('answers the newest wait, not one left by a renderer loop that stopped while it waited (a sign-out)', async () => {
    const inbox = createScreenPopInbox();
    const stale = inbox.next(60_000, 'alice');
    const live = inbox.next(60_000, 'alice');
    inbox.offerLookup({ by: 'phone', phone: '+12125550147', callId: 'CALL-9' }, 'alice');
    expect(await live).toEqual({ ok: true, lookup: { by: 'phone', phone: '+12125550147', callId: 'CALL-9' } });
    inbox.close();
    expect(await stale).toBeNull();
  });

  it("gives a hub pop only to its operator's wait, and drops a waiting one once someone else is signed in", async () => {
    const inbox = createScreenPopInbox();
    const bobs = inbox.next(60_000, 'bob');
    inbox.offerLookup({ by: 'account', accountNumber: '287100000001', callId: 'CALL-A' }, 'alice');
    // Bob's wait is not Alice's: the pop waits for her.
    expect(await inbox.next(5, 'alice')).toEqual({ ok: true, lookup: { by: 'account', accountNumber: '287100000001', callId: 'CALL-A' } });
    inbox.offerLookup({ by: 'account', accountNumber: '287100000002', callId: 'CALL-B' }, 'alice');
    // Alice signed out before it was taken; Bob signs in: never shown to him, and gone.
    expect(await inbox.next(5, 'bob')).toBeNull();
    expect(await inbox.next(5, 'alice')).toBeNull();
    // A link from the operating system is for whoever is signed in.
    inbox.offer('outage-credit-desk://lookup?account=287100000003');
    expect(await bobs).toEqual({ ok: true, lookup: { by: 'account', accountNumber: '287100000003', callId: null } });
  });

  it('makes a hub pop the lookup a link would ask for: the account when known, else the caller', () => {
    expect(lookupOfHubPop({ callerNumber: '+12125550147', accountNumber: '287100000001', callId: 'C-1' })).toEqual({ by: 'account', accountNumber: '287100000001', callId: 'C-1' });
    expect(lookupOfHubPop({ callerNumber: '+12125550147', accountNumber: null, callId: null })).toEqual({ by: 'phone', phone: '+12125550147', callId: null });
  });

  it('finds the link among a launch command line', () => {
    expect(screenPopLinkIn(['/opt/ocd', '--flag', 'outage-credit-desk://lookup?account=287100000001'])).toBe('outage-credit-desk://lookup?account=287100000001');
    expect(screenPopLinkIn(['/opt/ocd', '--flag'])).toBeNull();
  });
});
