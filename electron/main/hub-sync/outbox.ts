import { operationSubject, type OverrideOutbox } from '../overrides/override-outbox';
import { takeNextSeq } from './hub-state-repo';
import { insertOutbox, setRequestSyncState } from './outbox-repo';

/**
 * The outbox of an enrolled desktop: each operation gets the desktop's next seq and is stored
 * in the use case's own transaction, and its request is marked pending sync. `onRecorded` runs
 * after the current transaction (the pusher then looks; a rolled-back operation is not there).
 * Before enrolment nothing is recorded: the desktop is still standalone.
 */
export function createHubOutbox(onRecorded: () => void = () => undefined): OverrideOutbox {
  return {
    record(db, actor, now, operation) {
      const next = takeNextSeq(db);
      if (!next) return;
      insertOutbox(db, {
        seq: next.seq,
        desktopId: next.desktopId,
        op: operation.op,
        payloadJson: JSON.stringify(operation.payload),
        requestId: operationSubject(operation),
        operatorUsername: actor.username,
        createdAt: now.toISOString(),
      });
      if (operation.op.startsWith('override.')) setRequestSyncState(db, operationSubject(operation), 'pending_sync', null);
      setImmediate(onRecorded);
    },
  };
}
