import { createSettingsStore } from '../../../stores/settings-store';
import { fetchOverrideSettings, saveOverrideSettings } from '../api/overrides-api';

/** The override limits main enforces on every request and decision. */
export const useOverrideLimitsStore = createSettingsStore(fetchOverrideSettings, saveOverrideSettings);
