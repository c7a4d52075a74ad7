// Where a test stands with the server, as words and an icon (never colour alone). The icon is a
// name for <Icon>, drawn as SVG: an emoji would be a blank box on a phone without an emoji font.
import type { SyncInfo } from '../../device';
import type { Text } from '../../scoresheet';
import type { IconName } from '../shell/Icon';

export function syncLabel(sync: SyncInfo | undefined): { icon: IconName; text: Text } {
  switch (sync?.state) {
    case 'pending':
      return sync.rev
        ? { icon: 'upload', text: { zh: `有變更待傳送（伺服器版本 ${sync.rev}）`, en: `Changes waiting to be sent (server rev ${sync.rev})` } }
        : { icon: 'upload', text: { zh: '待傳送', en: 'Waiting to be sent' } };
    case 'confirmed':
      return { icon: 'check', text: { zh: `伺服器已確認（版本 ${sync.rev ?? 0}）`, en: `Confirmed by the server (rev ${sync.rev ?? 0})` } };
    case 'conflict':
      return { icon: 'warning', text: { zh: '衝突：伺服器上有不同的版本，請選擇保留哪一份', en: 'Conflict: the server has a different version; choose which to keep' } };
    case 'rejected': {
      // The server's reasons are data in both languages; an older copy may hold only English.
      const at = (field: string) => (field ? `${field}：` : '');
      const zh = sync.errors?.length ? sync.errors.map((e) => at(e.field) + e.message.zh).join('；') : (sync.error ?? '');
      const en = sync.errors?.length ? sync.errors.map((e) => `${e.field ? `${e.field}: ` : ''}${e.message.en}`).join('; ') : (sync.error ?? '');
      return { icon: 'cross', text: { zh: `伺服器拒收：${zh}`, en: `Rejected by the server: ${en}` } };
    }
    default:
      return { icon: 'device', text: { zh: '僅存於此裝置', en: 'Only on this device' } };
  }
}
