import type { FeedEntity } from '@shared/feeds/feed-entities';
import type { FeedFileProblem } from '@shared/ipc/feed-channels';
import { t } from '../../../i18n/translate';

export function feedLabel(entity: FeedEntity | null): string {
  return entity ? t(`feed.${entity}`) : t('feed.unknown');
}

export function fileProblemText(problem: FeedFileProblem): string {
  const text = t(`fileProblem.${problem.code}`);
  return problem.line === null ? text : t('import.fileProblemAt', { problem: text, line: problem.line });
}

/** "about 2 min" or "40 s": a time left needs no more precision than that. */
export function durationText(seconds: number): string {
  return seconds >= 90 ? t('import.minutes', { count: Math.round(seconds / 60) }) : t('import.seconds', { count: Math.max(1, Math.round(seconds)) });
}
