import { describe, expect, it } from 'vitest';
import { accountStatuses, brands, lineStatuses, paymentTypes, segments, serviceTypes } from '@shared/domain/account';
import { roles } from '@shared/domain/operator';
import { searchModes } from '@shared/ipc/search-channels';
import { errorCodes } from '@shared/ipc/result';
import { screenPopRefusals } from '@shared/screen-pop/screen-pop-link';
import { messagesEn } from './messages-en';
import { errorMessage, interpolate, t, tCount } from './translate';

const catalog: Record<string, string> = messagesEn;

describe('English catalog', () => {
  it.each(errorCodes)('has a message for the error code %s', (code) => {
    const message = catalog[`error.${code}`];
    expect(message, `add 'error.${code}' to messages-en.ts`).toBeTypeOf('string');
    expect(message!.trim().length).toBeGreaterThan(0);
    expect(errorMessage(code)).toBe(message);
  });

  it('words the session lock exactly as agents are trained to hear it', () => {
    expect(errorMessage('SESSION_LOCKED')).toBe('Your session locked after 15 minutes without activity. Sign in again.');
  });

  it.each([
    ...brands.map((v) => `brand.${v}`),
    ...segments.map((v) => `segment.${v}`),
    ...paymentTypes.map((v) => `paymentType.${v}`),
    ...accountStatuses.map((v) => `accountStatus.${v}`),
    ...lineStatuses.map((v) => `lineStatus.${v}`),
    ...serviceTypes.map((v) => `serviceType.${v}`),
    ...searchModes.map((v) => `mode.${v}`),
    ...searchModes.map((v) => `matchedBy.${v}`),
    ...roles.map((v) => `role.${v}`),
  ])('has a label for %s', (key) => {
    expect(catalog[key]?.trim()).toBeTruthy();
  });

  it('names the brands the way customers know them', () => {
    expect(t('brand.att')).toBe('AT&T');
    expect(t('brand.cricket')).toBe('Cricket');
  });
});

describe('t', () => {
  it('fills named placeholders', () => {
    expect(t('nav.account', { accountNumber: '100000001' })).toBe('Account 100000001');
    expect(t('app.operatorRole', { name: 'Ana Diaz', role: 'Agent' })).toBe('Signed in as Ana Diaz, Agent');
  });

  it('leaves a placeholder without a value visible, so a missing value is noticed', () => {
    expect(interpolate('Hello {name}, {missing}', { name: 'Ana' })).toBe('Hello Ana, {missing}');
  });

  it('does not interpret placeholders or patterns inside values', () => {
    expect(interpolate('“{query}”', { query: '{query} $& $1' })).toBe('“{query} $& $1”');
  });

  it('chooses singular or plural by count', () => {
    expect(tCount('search.resultCountOne', 'search.resultCountOther', 1)).toBe('1 account found.');
    expect(tCount('search.resultCountOne', 'search.resultCountOther', 0)).toBe('0 accounts found.');
    expect(tCount('search.resultCountOne', 'search.resultCountOther', 12)).toBe('12 accounts found.');
  });
});

describe('English catalog, screen-pop links', () => {
  it.each(screenPopRefusals)('words the refused link reason %s', (reason) => {
    expect(catalog[`screenPop.reason.${reason}`], `add 'screenPop.reason.${reason}'`).toBeTypeOf('string');
  });
});
