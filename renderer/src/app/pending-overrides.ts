import { useMemo } from 'react';
import { useOverridePanelStore } from '../features/overrides/stores/override-panel-store';

/** The outages of the open account with an override request waiting, as the override panel knows them. */
export function usePendingOverrideOutageIds(): ReadonlySet<number> {
  const options = useOverridePanelStore((s) => s.options);
  return useMemo(() => new Set(options.filter((o) => o.openRequestId !== null).map((o) => o.outageId)), [options]);
}
