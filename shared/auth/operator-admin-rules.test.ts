import { describe, expect, it } from 'vitest';
import { checkActiveChange, checkPasswordReset, checkRoleChange, type OperatorFacts } from './operator-admin-rules';

const ada: OperatorFacts = { operatorId: 1, role: 'admin', active: true };
const zed: OperatorFacts = { operatorId: 2, role: 'admin', active: true };
const alice: OperatorFacts = { operatorId: 3, role: 'agent', active: true };
const gone: OperatorFacts = { operatorId: 4, role: 'admin', active: false };

describe('checkRoleChange', () => {
  it.each([
    ['the same role', alice, 1, 'agent', 2, 'unchanged'],
    ['the last active admin, even their own', ada, 1, 'agent', 1, 'last_admin'],
    ["an admin's own role while another admin exists", ada, 1, 'supervisor', 2, 'own_account'],
    ["another admin's role while two exist", zed, 1, 'agent', 2, null],
    ['an agent made supervisor', alice, 1, 'supervisor', 1, null],
    ['an inactive admin made agent although one admin is active', gone, 1, 'agent', 1, null],
  ] as const)('%s', (_case, target, actorId, role, activeAdmins, expected) => {
    expect(checkRoleChange(target, actorId, role, activeAdmins)).toBe(expected);
  });
});

describe('checkActiveChange', () => {
  it.each([
    ['already active', alice, 1, true, 2, 'unchanged'],
    ['deactivating the last active admin', ada, 1, false, 1, 'last_admin'],
    ['deactivating oneself while another admin exists', ada, 1, false, 2, 'own_account'],
    ['deactivating an agent', alice, 1, false, 1, null],
    ['reactivating an admin', gone, 1, true, 1, null],
  ] as const)('%s', (_case, target, actorId, active, activeAdmins, expected) => {
    expect(checkActiveChange(target, actorId, active, activeAdmins)).toBe(expected);
  });
});

describe('checkPasswordReset', () => {
  it("refuses an admin's own reset and allows anyone else's", () => {
    expect(checkPasswordReset(ada, 1)).toBe('own_account');
    expect(checkPasswordReset(alice, 1)).toBeNull();
  });
});
