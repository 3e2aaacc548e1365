import { describe, expect, it } from 'vitest';
import { signInErrorMessage } from './sign-in-error';

describe('the sign-in error sentence', () => {
  it('says why an offline sign-in is not possible when this operator has no verifier on the desktop', () => {
    expect(signInErrorMessage({ code: 'HUB_UNAVAILABLE', details: { reason: 'no_offline_sign_in' } }, 'en-US', 'UTC')).toBe(
      'The hub cannot be reached. Only someone who signed in on this desktop in the last 12 hours can sign in without it; try again once the hub is back.',
    );
  });

  it('keeps the plain hub message for any other hub failure', () => {
    expect(signInErrorMessage({ code: 'HUB_UNAVAILABLE' }, 'en-US', 'UTC')).toBe('The hub cannot be reached just now, and this needs it. Try again in a moment.');
  });
});
