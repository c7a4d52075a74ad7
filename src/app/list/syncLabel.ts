// Where a test stands with the server, as words and an icon (never colour alone). The icon is a
// name for <Icon>, drawn as SVG: an emoji would be a blank box on a phone without an emoji font.
import type { SyncInfo } from '../../device';
import type { Text } from '../../scoresheet';
import type { IconName } from '../shell/Icon';
import { rejectionText, type RejectionError } from './rejection';

/**
 * `foreignTester`: the test is another account's and not yet sent (a shared phone). It waits for
 * that tester to sign in; it is never sent under the signed-in account.
 */
export function syncLabel(sync: SyncInfo | undefined, foreignTester?: string): { icon: IconName; text: Text } {
  if (foreignTester !== undefined && sync && sync.state !== 'confirmed') {
    return {
      icon: 'device',
      text: {
        zh: `另一個帳號（${foreignTester || '其他測試人員'}）尚未傳送的測試：等該測試人員登入後才會傳送`,
        en: `Another account’s unsent test (${foreignTester || 'another tester'}): sent only when that tester signs in`,
      },
    };
  }
  switch (sync?.state) {
    case 'pending':
      return sync.rev
        ? { icon: 'upload', text: { zh: `有變更待傳送（伺服器版本 ${sync.rev}）`, en: `Changes waiting to be sent (server rev ${sync.rev})` } }
        : { icon: 'upload', text: { zh: '待傳送', en: 'Waiting to be sent' } };
    case 'confirmed':
      return { icon: 'check', text: { zh: `伺服器已確認（版本 ${sync.rev ?? 0}）`, en: `Confirmed by the server (rev ${sync.rev ?? 0})` } };
    case 'conflict':
      return { icon: 'warning', text: { zh: '衝突：伺服器上有不同的版本，請選擇保留哪一份', en: 'Conflict: the server has a different version; choose which to keep' } };
    case 'rejected':
      // The server's reasons are data in both languages (sync.errors); an older copy holds only a string.
      return { icon: 'cross', text: rejectionText(sync.errors?.length ? sync.errors : (sync.error as RejectionError)) };
    default:
      return { icon: 'device', text: { zh: '僅存於此裝置', en: 'Only on this device' } };
  }
}
