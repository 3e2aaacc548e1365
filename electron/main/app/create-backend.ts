import type Database from 'better-sqlite3';
import { createAuthService, type AuthService } from '../auth/auth-service';
import { ensureDemoOperators } from '../auth/demo-operators';
import { openDatabase } from '../db/open-database';
import { seedDemo as seedDemoData } from '../demo/generate-dataset';
import { createDispatcher, type Dispatch, type SenderInfo } from '../ipc/dispatch';
import { createHandlers } from '../ipc/create-handlers';

export interface BackendOptions {
  readonly dbPath: string;
  readonly clock?: () => Date;
  readonly isTrustedSender: (sender: SenderInfo) => boolean;
  /** Fill an empty database with demo accounts and create the demo operators. */
  readonly seedDemo?: boolean;
  /** A better-sqlite3 binary built for another ABI (Electron's), see scripts/electron-native.mjs. */
  readonly nativeBinding?: string;
  readonly onInternalError?: (channel: string, error: unknown) => void;
}

export interface Backend {
  readonly db: Database.Database;
  readonly dispatch: Dispatch;
  readonly auth: AuthService;
  close(): void;
}

/**
 * Everything behind IPC, without Electron: the app and the end-to-end harness both build
 * their backend here and differ only in how they recognise a trusted sender.
 */
export function createBackend(options: BackendOptions): Backend {
  const clock = options.clock ?? (() => new Date());
  const db = openDatabase(options.dbPath, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    if (options.seedDemo) {
      // seedDemo only fills a database without accounts, so a loaded cache is never touched.
      seedDemoData(db);
      ensureDemoOperators(db, clock());
    }
  } catch (error) {
    db.close();
    throw error;
  }
  const auth = createAuthService(db, clock);
  const dispatch = createDispatcher({
    handlers: createHandlers({ db, auth }),
    session: auth,
    isTrustedSender: options.isTrustedSender,
    clock,
    onInternalError: options.onInternalError ?? ((channel, error) => console.error(`IPC ${channel} failed`, error)),
  });
  return {
    db,
    dispatch,
    auth,
    close() {
      auth.signOut();
      if (db.open) db.close();
    },
  };
}
