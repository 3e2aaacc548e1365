import { describe, expect, it } from 'vitest';
import { startFailureText } from './start-failure-text';

describe('start error dialog text', () => {
  it('explains a refused write with the path, what to do and a code, not only the raw EACCES text', () => {
    const error = Object.assign(new Error("EACCES: permission denied, mkdir '/profile/backups'"), { code: 'EACCES', path: '/profile/backups' });
    const { title, message } = startFailureText(error, '/profile/outage-credit-desk.sqlite');
    expect(title).toBe('Outage Credit Desk could not start');
    expect(message).toMatch(/^The app cannot save to \/profile\/backups: the folder or file is read-only/);
    expect(message).toContain('ask your IT support to give your account permission');
    expect(message).toContain('Code for the service desk: DATABASE_FILE_READ_ONLY');
  });

  it('keeps other failures general, with the details for the service desk', () => {
    expect(startFailureText(new Error('boom'), '/p/db.sqlite').message).toMatch(/^Something went wrong while starting\..*Details: boom$/s);
  });

  it('speaks Dutch on a Dutch desktop, with the same path, code and details', () => {
    const error = Object.assign(new Error("EACCES: permission denied, mkdir '/profile/backups'"), { code: 'EACCES', path: '/profile/backups' });
    const { title, message } = startFailureText(error, '/profile/outage-credit-desk.sqlite', 'nl-NL');
    expect(title).toBe('Outage Credit Desk kon niet starten');
    expect(message).toMatch(/^De app kan niet opslaan in \/profile\/backups: de map of het bestand is alleen-lezen/);
    expect(message).toContain('Code voor de servicedesk: DATABASE_FILE_READ_ONLY');
    expect(startFailureText(new Error('boom'), '/p/db.sqlite', 'nl').message).toMatch(/^Er ging iets mis bij het starten\..*Details: boom$/s);
    expect(startFailureText(new Error('boom'), '/p/db.sqlite', 'de-DE').title).toBe('Outage Credit Desk could not start');
  });
});
