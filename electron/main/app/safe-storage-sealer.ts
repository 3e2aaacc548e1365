import { safeStorage } from 'electron';
import type { AnchorSealer } from '../audit/audit-stamp';
import { unsealedStorage, type SecretSealer } from '../hub-sync/secret-sealer';

/**
 * Whether safeStorage's key is the operating system's: always on macOS (Keychain) and Windows
 * (DPAPI); on Linux only with a keyring (libsecret, KWallet), not 'basic_text', where Chromium
 * encrypts with a fixed key anyone can read.
 */
function keyIsOsBacked(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  if (process.platform !== 'linux') return true;
  const backend = safeStorage.getSelectedStorageBackend();
  return backend !== 'basic_text' && backend !== 'unknown';
}

/** The OS keychain (Keychain, DPAPI, libsecret) through Electron; stored as is where there is none. */
export function safeStorageSealer(what = 'the hub desktop secret'): SecretSealer & AnchorSealer {
  if (!safeStorage.isEncryptionAvailable()) {
    console.warn(`safeStorage is not available: ${what} is stored unsealed`);
    return { ...unsealedStorage, osBacked: false };
  }
  const osBacked = keyIsOsBacked();
  if (!osBacked) console.warn(`safeStorage has no key of the operating system here: ${what} is sealed with a fixed key only`);
  return {
    kind: 'safe_storage',
    osBacked,
    seal: (plain) => safeStorage.encryptString(plain),
    open: (sealed) => safeStorage.decryptString(sealed),
  };
}
