import { describe, expect, it, vi } from 'vitest';
import { claimSingleInstance, type FocusableWindow, type SingleInstanceApp } from './single-instance';

function fakeApp(gotLock: boolean) {
  const listeners: Array<(...args: unknown[]) => void> = [];
  const app: SingleInstanceApp = {
    requestSingleInstanceLock: vi.fn(() => gotLock),
    quit: vi.fn(),
    on: vi.fn((_event: 'second-instance', listener: (...args: unknown[]) => void) => listeners.push(listener)),
  };
  return {
    app,
    secondInstance: (argv: string[] = []) => listeners.forEach((listener) => listener({}, argv, '/')),
  };
}

function fakeWindow(minimized: boolean): FocusableWindow {
  return { isDestroyed: () => false, isMinimized: () => minimized, restore: vi.fn(), show: vi.fn(), focus: vi.fn() };
}

describe('single instance', () => {
  it('quits a second launch instead of opening the database twice', () => {
    const { app } = fakeApp(false);
    expect(claimSingleInstance(app, () => null)).toBe(false);
    expect(app.quit).toHaveBeenCalled();
    expect(app.on).not.toHaveBeenCalled();
  });

  it('brings the existing window to the front, restoring it when minimized, on a second launch', () => {
    const { app, secondInstance } = fakeApp(true);
    const window = fakeWindow(true);
    expect(claimSingleInstance(app, () => window)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    secondInstance();
    expect(window.restore).toHaveBeenCalled();
    expect(window.show).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });

  it('does nothing on a second launch before the window exists', () => {
    const { app, secondInstance } = fakeApp(true);
    claimSingleInstance(app, () => null);
    expect(() => secondInstance()).not.toThrow();
  });

  it("hands the second launch's command line on, for the screen-pop link it carries", () => {
    const { app, secondInstance } = fakeApp(true);
    const onSecondLaunch = vi.fn();
    claimSingleInstance(app, () => fakeWindow(false), onSecondLaunch);
    secondInstance(['/usr/bin/outage-credit-desk', 'outage-credit-desk://lookup?account=287100000001']);
    expect(onSecondLaunch).toHaveBeenCalledWith(['/usr/bin/outage-credit-desk', 'outage-credit-desk://lookup?account=287100000001']);
  });
});
