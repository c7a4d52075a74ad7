// The password rule the admin screen and the first-admin setup share: at least 10 characters, typed
// twice. The server enforces its own rule too; this only saves a round trip and names the field.
import type { Text } from '../../scoresheet';

export const MIN_PASSWORD_LENGTH = 10;

export const passwordLabel: Text = { zh: '密碼', en: 'Password' };
export const confirmLabel: Text = { zh: '確認密碼', en: 'Confirm password' };

export function passwordProblems(password: string, confirm: string): { password?: Text; confirm?: Text } {
  const problems: { password?: Text; confirm?: Text } = {};
  // Count code points, not UTF-16 units, so a password of 10 CJK characters counts as 10.
  if ([...password].length < MIN_PASSWORD_LENGTH)
    problems.password = { zh: `至少需 ${MIN_PASSWORD_LENGTH} 個字元`, en: `must be at least ${MIN_PASSWORD_LENGTH} characters` };
  if (confirm !== password) problems.confirm = { zh: '與密碼不一致', en: 'does not match the password' };
  return problems;
}
