import { safeStorage } from 'electron';
import { unsealedStorage, type SecretSealer } from '../hub-sync/secret-sealer';

/** The OS keychain (Keychain, DPAPI, libsecret) through Electron; stored as is where there is none. */
export function safeStorageSealer(): SecretSealer {
  if (!safeStorage.isEncryptionAvailable()) {
    console.warn('safeStorage is not available: the hub desktop secret is stored unsealed');
    return unsealedStorage;
  }
  return {
    kind: 'safe_storage',
    seal: (plain) => safeStorage.encryptString(plain),
    open: (sealed) => safeStorage.decryptString(sealed),
  };
}
