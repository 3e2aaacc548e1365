import { describe, expect, it } from 'vitest';
import { ChangesQuery, Change } from './changes';
import { SignInRequest } from './auth';
import { OperationAnswer, OperationEnvelope, PushRequest } from './operations';
import { hubRoutes } from './routes';

const desktopId = '3f1c2a9e-5b7d-4e21-9c3a-1d2e3f4a5b6c';
const submit = {
  desktopId,
  seq: 1,
  op: 'override.submit',
  payload: {
    requestId: '01HQ3J8X6V2N4M5P7R9S0T1W2Y',
    clientRequestId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    accountNumber: '287100000001',
    outageId: 1,
    kind: 'goodwill',
    amountMinor: 500,
    reasonCode: 'service_recovery',
    justification: 'Customer waited two hours on the line.',
    interactionRef: 'CALL-1',
  },
} as const;

describe('hub wire protocol', () => {
  it('accepts each named operation and refuses any operator field in envelope or payload', () => {
    expect(OperationEnvelope.parse(submit).op).toBe('override.submit');
    expect(OperationEnvelope.safeParse({ ...submit, operatorId: 7 }).success).toBe(false);
    expect(OperationEnvelope.safeParse({ ...submit, payload: { ...submit.payload, requestedBy: 'sam' } }).success).toBe(false);
    const decide = { desktopId, seq: 2, op: 'override.decide', payload: { requestId: submit.payload.requestId, version: 1, decision: 'approve', note: 'ok' } };
    expect(OperationEnvelope.parse(decide).op).toBe('override.decide');
    expect(OperationEnvelope.safeParse({ ...decide, op: 'override.delete' }).success).toBe(false);
    expect(OperationEnvelope.safeParse({ ...decide, seq: 0 }).success).toBe(false);
  });

  it('bounds a push between one and a hundred operations', () => {
    expect(PushRequest.safeParse({ operations: [] }).success).toBe(false);
    const many = Array.from({ length: 101 }, (_, index) => ({ ...submit, seq: index + 1 }));
    expect(PushRequest.safeParse({ operations: many }).success).toBe(false);
    expect(PushRequest.safeParse({ operations: many.slice(0, 100) }).success).toBe(true);
  });

  it('answers refusals with a reason from the closed list', () => {
    const refused = { seq: 3, status: 'refused', replayed: false, code: 'FORBIDDEN_ROLE', reason: 'own_request', details: {} };
    expect(OperationAnswer.parse(refused).status).toBe('refused');
    expect(OperationAnswer.safeParse({ ...refused, reason: 'because' }).success).toBe(false);
  });

  it('reads the change cursor from a query string and refuses a negative or huge page', () => {
    expect(ChangesQuery.parse({ since: '42' })).toEqual({ since: 42, limit: 500 });
    expect(ChangesQuery.safeParse({ since: '-1' }).success).toBe(false);
    expect(ChangesQuery.safeParse({ since: '0', limit: '5000' }).success).toBe(false);
    expect(ChangesQuery.safeParse({ since: '1.5' }).success).toBe(false);
    expect(Change.safeParse({ position: 1, entity: 'account', id: 'x', data: {} }).success).toBe(false);
  });

  it('declares every route once with a distinct method and path', () => {
    const keys = Object.values(hubRoutes).map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(SignInRequest.safeParse({ desktopId, desktopSecret: 'x', username: 'a', password: 'b' }).success).toBe(false);
  });
});
