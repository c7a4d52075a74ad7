// Punctuation that follows the language: Chinese text uses full-width 「（）：；」, English the
// ASCII forms with a space. Without this, English mode showed 「Rings（rings）」 and 「（5 pts）」.
import type { Lang } from '../i18n';

export const paren = (text: string, lang: Lang): string => (lang === 'zh' ? `（${text}）` : ` (${text})`);
export const colon = (lang: Lang): string => (lang === 'zh' ? '：' : ': ');
export const listSep = (lang: Lang): string => (lang === 'zh' ? '；' : '; ');
export const slash = (lang: Lang): string => (lang === 'zh' ? '／' : ' / ');
