// The roles by the users' own names (glossary): 測試人員 / 單位主管 / 秘書室（研考）.
import type { Text } from '../../scoresheet';
import type { Role } from '../session';

export const ROLES: Role[] = ['tester', 'unitHead', 'admin'];

export const roleNames: Record<Role, Text> = {
  tester: { zh: '測試人員', en: 'Tester' },
  unitHead: { zh: '單位主管', en: 'Unit head' },
  admin: { zh: '秘書室（研考）', en: 'Secretariat (planning & evaluation)' },
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as string[]).includes(value);
}
