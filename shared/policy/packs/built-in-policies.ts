import type { PolicyInput } from '../policy-schema';
import { att202402MakeItRight } from './att-2024-02-make-it-right';
import { attGuarantee2025Wireless } from './att-guarantee-2025-wireless';
import { nlTelecommunicatiewetOutage } from './nl-telecommunicatiewet-outage';
import { nyPsc24h } from './ny-psc-24h';

/** The packs the app ships with, for seeding the policy table. Parse each with `Policy`. */
export const builtInPolicies: readonly PolicyInput[] = [
  att202402MakeItRight,
  attGuarantee2025Wireless,
  nlTelecommunicatiewetOutage,
  nyPsc24h,
];
