import { z } from 'zod';

/**
 * The machine-wide hub configuration file (`hub.json`), written by the site's administrator
 * where the operator's own account cannot write. Strict: an unknown field is an error, so a
 * typo does not silently fall back to a default.
 */
export const HubConfigFile = z.strictObject({
  /** The hub's base URL, e.g. `https://hub.site.example:7420`; plain http is accepted for a loopback hub only (checked where URL exists, in main). */
  url: z.url({ protocol: /^https?$/ }),
  /** Absolute path of a PEM file with the CA certificate(s) that vouch for the hub's certificate. */
  caFile: z.string().min(1).max(4096).optional(),
});
export type HubConfigFile = z.infer<typeof HubConfigFile>;

export const hubConfigErrorCodes = ['HUB_CONFIG_UNREADABLE', 'HUB_CONFIG_INVALID', 'HUB_CONFIG_INSECURE', 'HUB_CA_UNREADABLE'] as const;
export type HubConfigErrorCode = (typeof hubConfigErrorCodes)[number];
