import { describe, expect, it } from 'vitest';
import { NOTIFY_GAP_MS } from '@shared/ipc/notification-channels';
import { createNotificationHandlers } from './notification-handlers';

const ctx = {} as never;

describe('desktop notifications', () => {
  it('show the first at once and fold the rest of a burst, however often the renderer asks', async () => {
    let now = Date.parse('2024-03-04T15:00:00.000Z');
    const shown: { title: string; body: string }[] = [];
    const { notifyDesktop } = createNotificationHandlers({ show: (n) => shown.push(n) }, () => new Date(now));
    expect(await notifyDesktop({ title: 'New request', body: '1 waiting' }, ctx)).toEqual({ ok: true, value: { shown: true } });
    for (let i = 0; i < 50; i += 1) {
      now += 100;
      expect(await notifyDesktop({ title: 'New request', body: `${i + 2} waiting` }, ctx)).toEqual({ ok: true, value: { shown: false } });
    }
    now += NOTIFY_GAP_MS;
    expect(await notifyDesktop({ title: 'New request', body: '52 waiting' }, ctx)).toEqual({ ok: true, value: { shown: true } });
    expect(shown.map((n) => n.body)).toEqual(['1 waiting', '52 waiting']);
  });
});
