export const RESULTS_LISTBOX_ID = 'search-results';
export const SEARCH_HINT_ID = 'search-keys-hint';

export function resultOptionId(index: number): string {
  return `search-result-${index}`;
}
