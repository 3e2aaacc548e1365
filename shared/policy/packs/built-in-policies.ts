import type { PolicyInput } from '../policy-schema';
import { att202402MakeItRight, att202402MakeItRightV2 } from './att-2024-02-make-it-right';
import { attGuarantee2025Wireless, attGuarantee2025WirelessV2 } from './att-guarantee-2025-wireless';
import { deTkg58Entschaedigung } from './de-tkg-58-entschaedigung';
import { nlTelecommunicatiewetOutage, nlTelecommunicatiewetOutageV2 } from './nl-telecommunicatiewet-outage';
import { nyPsc24h, nyPsc24hV2 } from './ny-psc-24h';
import { verizon202601OutageCredit } from './verizon-2026-01-outage-credit';

/**
 * The packs the app ships with, for seeding the policy table. Parse each with `Policy`.
 * Earlier versions stay: credits given under them refer to them.
 */
export const builtInPolicies: readonly PolicyInput[] = [
  att202402MakeItRight,
  att202402MakeItRightV2,
  attGuarantee2025Wireless,
  attGuarantee2025WirelessV2,
  nlTelecommunicatiewetOutage,
  nlTelecommunicatiewetOutageV2,
  nyPsc24h,
  nyPsc24hV2,
  verizon202601OutageCredit,
  deTkg58Entschaedigung,
];
