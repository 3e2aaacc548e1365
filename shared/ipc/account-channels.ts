import { z } from 'zod';
import { AccountDetail, AccountNumber } from '../domain/account';
import { defineChannel, staff } from './define';

export const accountChannels = {
  accountsGet: defineChannel({
    input: z.strictObject({ accountNumber: AccountNumber }),
    output: AccountDetail,
    access: staff,
    auditRefusals: false,
  }),
} as const;
