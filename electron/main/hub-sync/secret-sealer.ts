/**
 * Seals the desktop's hub secret at rest. The app passes Electron's safeStorage (the OS
 * keychain or DPAPI); tests pass a fake. `kind` is stored beside the sealed bytes.
 */
export interface SecretSealer {
  readonly kind: 'safe_storage' | 'none';
  seal(plain: string): Buffer;
  open(sealed: Buffer): string;
}

/** Where no keychain is available (a headless Linux without a secret service): stored as is, and said so. */
export const unsealedStorage: SecretSealer = {
  kind: 'none',
  seal: (plain) => Buffer.from(plain, 'utf8'),
  open: (sealed) => sealed.toString('utf8'),
};
