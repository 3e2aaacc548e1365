/** What every screen must hold at any zoom: measured in the page, each finding a short sentence. */
import { formatPhoneNumber, normalizePhone } from '../../shared/domain/phone';
import type { Harness } from './harness';

/**
 * Everything that breaks the visual system on the screen as it is now:
 * - the page scrolls sideways (wider than the window);
 * - the nav's entries sit on more than one row (an open compact menu is a deliberate panel, not a row);
 * - a word (an email, an id, a name) is split over two lines mid-word;
 * - the screen has no page heading, or more than one, or one outside the page-title style;
 * - a phone number is shown in any other way than the one display format (`formatPhoneNumber`:
 *   "(212) 555-0147", "+31 6 1234 5678"): raw E.164, "212-555-0147", "+1 212 555 0147",
 *   "06-12345678", ... (see `phonesOutOfFormat`).
 */
export async function layoutFindings(h: Harness): Promise<string[]> {
  return ((await h.page.evaluate(`(() => {
    const found = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) found.push('page scrolls sideways: ' + root.scrollWidth + ' > ' + root.clientWidth);

    const visible = (el) => {
      const r = el.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) return false;
      const s = getComputedStyle(el);
      return s.visibility !== 'hidden' && s.display !== 'none';
    };

    // How many lines an element's text takes.
    const lineTops = (el) => {
      const tops = [];
      const texts = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let t = texts.nextNode(); t; t = texts.nextNode()) {
        const r = document.createRange();
        r.selectNodeContents(t);
        for (const rect of r.getClientRects()) {
          if (rect.width < 1) continue;
          if (!tops.some((top) => Math.abs(top - rect.top) < 3)) tops.push(rect.top);
        }
      }
      return tops.length;
    };

    // The nav: the vertical middles of its visible entries (trail, work lists, hint, menu button).
    const nav = document.querySelector('.app-nav');
    if (nav) {
      const items = [...nav.querySelectorAll('.app-nav__trail > li, .app-nav__workspaces:not(.app-nav__workspaces--open) > li, .app-nav__hint, .app-nav__menu-toggle')].filter(visible);
      const rows = [];
      for (const el of items) {
        const r = el.getBoundingClientRect();
        const middle = r.top + r.height / 2;
        if (!rows.some((m) => Math.abs(m - middle) < 8)) rows.push(middle);
      }
      if (rows.length > 1) found.push('nav on ' + rows.length + ' rows');
      for (const el of items) {
        const lines = lineTops(el);
        if (lines > 1) found.push('nav entry on ' + lines + ' lines: ' + el.innerText.trim());
      }
    }

    // The header: everything inside its band (nothing spilling over the nav).
    const header = document.querySelector('.app-header');
    if (header) {
      const band = header.getBoundingClientRect();
      for (const el of header.querySelectorAll('span, button')) {
        if (!visible(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.top < band.top - 1 || r.bottom > band.bottom + 1) found.push('header text outside the header: ' + el.innerText.trim().slice(0, 60));
      }
    }

    // Words split over lines: each run of non-space characters must sit on one line.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !visible(parent) || parent.closest('.visually-hidden, [aria-hidden="true"], option, select')) continue;
      const text = node.textContent || '';
      for (const m of text.matchAll(/\\S+/g)) {
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = [];
        for (const r of range.getClientRects()) {
          if (r.width < 1) continue;
          if (!lines.some((top) => Math.abs(top - r.top) < 3)) lines.push(r.top);
        }
        if (lines.length > 1) found.push('word broken over ' + lines.length + ' lines: ' + m[0].slice(0, 60));
      }
    }

    // Styles that split words: break-all anywhere; and emails allowed to break anywhere (which
    // also lets a grid or table squeeze their column until the email splits).
    for (const el of document.body.querySelectorAll('*')) {
      if (!visible(el)) continue;
      const s = getComputedStyle(el);
      const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('');
      if (s.wordBreak === 'break-all' && own.trim()) found.push('word-break: break-all on: ' + own.trim().slice(0, 60));
      if (/\S@\S+\.\S/.test(own) && (s.overflowWrap === 'anywhere' || s.wordBreak === 'break-all' || s.wordBreak === 'break-word'))
        found.push('an email may break anywhere: ' + own.trim().slice(0, 60));
    }

    // One h1, in the page-title style (the search's is for screen readers only: the search box is its title).
    const headings = [...document.querySelectorAll('h1')];
    if (headings.length !== 1) found.push(headings.length + ' page headings (h1): ' + headings.map((e) => e.textContent).join(' | '));
    for (const heading of headings) {
      if (!heading.classList.contains('page-title') && !heading.classList.contains('visually-hidden')) found.push('h1 outside the page-title style: ' + heading.textContent);
    }

    return [...new Set(found)];
  })()`)) as string[]).concat(phonesOutOfFormat(await phoneCandidates(h)));
}

/**
 * Runs of digits that may be a phone number, as the screen shows them: in each visible text
 * node (screen-reader-only text included) and in aria-label and title attributes, a run that
 * starts with "+", "(" or a digit, goes on with digits and the separators people write between
 * them (space, no-break space, "(", ")", ".", "-", "/", dashes) and holds at least 9 digits.
 */
async function phoneCandidates(h: Harness): Promise<string[]> {
  return (await h.page.evaluate(`(() => {
    const runs = [];
    const take = (text) => {
      for (const m of (text || '').matchAll(/[+(]?\\d(?:[\\d ().\\/\\u00a0\\u2010-\\u2015-]*\\d)?\\)?/g)) {
        if (m[0].replace(/\\D/g, '').length >= 9) runs.push(m[0]);
      }
    };
    const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('script, style, template') || parent.getClientRects().length === 0) continue;
      take(node.textContent);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title]')) {
      if (el.getClientRects().length === 0) continue;
      take(el.getAttribute('aria-label'));
      take(el.getAttribute('title'));
    }
    return [...new Set(runs)];
  })()`)) as string[];
}

/**
 * The runs that are a complete phone number (read as the search reads one typed by an agent,
 * US national numbers and Dutch ones with their trunk 0, or international with + or 00) but
 * are not written as `formatPhoneNumber` writes that number. Account numbers (9 or 12 digits,
 * no "+") and dates never read as a phone number.
 */
export function phonesOutOfFormat(runs: readonly string[]): string[] {
  const found: string[] = [];
  for (const run of runs) {
    const shown = run.trim().replace(/\u00a0/g, ' ');
    // "(212) 555-0147" comes out of the regex whole; a ")" closing a sentence's parenthesis does not belong to it.
    const candidates = [shown, shown.replace(/^\(|\)$/g, '')];
    for (const candidate of candidates) {
      const e164 = normalizePhone(candidate, 'US');
      if (e164 === null) continue;
      const display = formatPhoneNumber(e164);
      if (candidate !== display) found.push(`phone number not in the display format: "${candidate}" (should read "${display}")`);
      break;
    }
  }
  return [...new Set(found)];
}

/**
 * Labels, buttons, headings, table headers and badges whose text is wider than their box
 * (cut off or spilling over), and anything wider than the window.
 */
export async function overflowing(h: Harness): Promise<string[]> {
  return (await h.page.evaluate(`(() => {
    const found = [];
    const width = document.documentElement.clientWidth;
    for (const el of document.querySelectorAll('button, label, th, dt, h1, h2, h3, .badge, .app-nav a, .app-header span, select, input')) {
      const r = el.getBoundingClientRect();
      // Hidden, or visually hidden for screen readers only (clipped to a pixel).
      if (r.width <= 1 || r.height <= 1) continue;
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible' || r.right > width + 1) {
        found.push(el.tagName.toLowerCase() + ': ' + (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 60));
      }
    }
    for (const el of document.querySelectorAll('button, .badge, th, dt')) {
      const r = el.getBoundingClientRect();
      if (r.width > 1 && r.height > 1 && el.scrollWidth > el.clientWidth + 1) found.push('cut: ' + el.innerText.trim().slice(0, 60));
    }
    if (document.documentElement.scrollWidth > width + 1) found.push('page wider than the window');
    return [...new Set(found)];
  })()`)) as string[];
}
