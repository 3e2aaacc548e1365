import type { SecretSealer } from '../../electron/main/hub-sync/secret-sealer';

/** A stand-in for safeStorage: what it seals is not readable as it was. */
export const fakeSealer: SecretSealer = {
  kind: 'safe_storage',
  seal: (plain) => Buffer.from(`sealed:${Buffer.from(plain).toString('base64')}`.split('').reverse().join('')),
  open: (sealed) => Buffer.from(sealed.toString().split('').reverse().join('').slice('sealed:'.length), 'base64').toString(),
};
