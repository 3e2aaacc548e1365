/**
 * What bench:agent installs in the page (evaluated as source: the scripts are compiled for
 * Node, without the DOM's types). It records the search box's input events, which text the
 * result list answers (data-answered-query) and long tasks, and resolves waits on the frame
 * that first shows an answer, all in the page's own clock (performance.now).
 */
export const AGENT_PAGE_PROBE = String.raw`(() => {
  const state = { keys: [], lastInputAt: 0, longTasks: [] };
  document.addEventListener('input', (event) => {
    if (event.target.id !== 'search-input') return;
    state.lastInputAt = performance.now();
    state.keys.push({ at: state.lastInputAt, value: event.target.value });
  }, true);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) state.longTasks.push(entry.duration);
  }).observe({ type: 'longtask' });
  const answeredQuery = () => document.querySelector('[data-answered-query]')?.getAttribute('data-answered-query') ?? null;
  // A keystroke is answered on the next frame after a list answering its text, or a later
  // keystroke's text, is in the DOM (a keystroke overtaken by the next one shares its answer).
  new MutationObserver(() => {
    const answered = answeredQuery();
    if (!answered) return;
    const index = state.keys.map((k) => k.value).lastIndexOf(answered);
    if (index < 0) return;
    const open = state.keys.slice(0, index + 1).filter((k) => k.answeredAt === undefined);
    if (open.length === 0) return;
    requestAnimationFrame(() => {
      const at = performance.now();
      for (const key of open) key.answeredAt ??= at;
    });
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-answered-query'] });
  globalThis.__bench = {
    state,
    answeredQuery,
    resetKeys() { state.keys = []; },
    hasOptions() { return document.querySelector('[role="option"]') !== null; },
    accountOpen() { return document.querySelector('article[data-account-number]') !== null; },
    longTasks() { return { count: state.longTasks.length, maxMs: state.longTasks.length ? Math.max(...state.longTasks) : 0 }; },
    /** The time of the frame that first shows an answer for the account (any account when null). */
    answerShown(accountNumber) {
      const scope = accountNumber ? 'article[data-account-number="' + accountNumber + '"]' : 'article[data-account-number]';
      const shown = () => document.querySelector(scope + ' .answer-strip, ' + scope + ' .decisions .empty-state') !== null;
      return new Promise((done) => {
        const check = () => {
          if (!shown()) return false;
          requestAnimationFrame(() => done(performance.now()));
          return true;
        };
        if (check()) return;
        const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
        observer.observe(document.body, { subtree: true, childList: true });
      });
    },
  };
})()`;
