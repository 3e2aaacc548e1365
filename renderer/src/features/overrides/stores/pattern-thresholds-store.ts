import { createSettingsStore } from '../../../stores/settings-store';
import { fetchPatternThresholds, savePatternThresholds } from '../api/overrides-api';

/** The thresholds of the queue's pattern flags. */
export const usePatternThresholdsStore = createSettingsStore(fetchPatternThresholds, savePatternThresholds);
