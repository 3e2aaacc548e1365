import { describe, expect, it } from 'vitest';
import { createDataVersion } from './data-version';

describe('the data version the renderer waits on', () => {
  it('answers at once when the version is already past what the caller knows', async () => {
    const version = createDataVersion();
    version.bump();
    expect(await version.next(0, 10_000)).toBe(1);
  });

  it('keeps a caller waiting until a bump, then wakes every waiter with the new version', async () => {
    const version = createDataVersion();
    let first: number | null = null;
    const a = version.next(0, 10_000).then((v) => (first = v));
    const b = version.next(0, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(first).toBeNull();
    version.bump();
    expect(await a).toBe(1);
    expect(await b).toBe(1);
  });

  it('answers the unchanged version when nothing moved within the wait', async () => {
    const version = createDataVersion();
    version.bump();
    version.bump();
    expect(await version.next(2, 15)).toBe(2);
  });

  it('lets every waiter go when closed', async () => {
    const version = createDataVersion();
    const waiting = version.next(0, 60_000);
    version.close();
    expect(await waiting).toBe(0);
  });
});
