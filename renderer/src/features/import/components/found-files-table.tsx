import type { FeedFileSummary } from '@shared/ipc/feed-channels';
import { formatNumber } from '../../../lib/format';
import { t } from '../../../i18n/translate';
import { useDisplayLocale } from '../../../stores/session-store';
import { feedLabel, fileProblemText } from './feed-label';

/** What was found in the chosen files: which feed each holds, its format and rows, and whether it can be read. */
export function FoundFilesTable({ files }: { files: readonly FeedFileSummary[] }) {
  const locale = useDisplayLocale();
  return (
    <table className="import-table" aria-label={t('import.foundTitle')}>
      <thead>
        <tr>
          <th scope="col">{t('import.col.file')}</th>
          <th scope="col">{t('import.col.feed')}</th>
          <th scope="col">{t('import.col.format')}</th>
          <th scope="col" className="num">{t('import.col.rows')}</th>
          <th scope="col">{t('import.col.check')}</th>
        </tr>
      </thead>
      <tbody>
        {files.map((file) => (
          <tr key={file.fileName} className={file.problem ? 'import-table__bad' : undefined}>
            <th scope="row">{file.fileName}</th>
            <td>{feedLabel(file.entity)}</td>
            <td>{file.format ? file.format.toUpperCase() : '—'}</td>
            <td className="num">{formatNumber(file.rows, locale)}</td>
            <td>{file.problem ? fileProblemText(file.problem) : t('import.fileOk')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
