// zh-TW by default, English switchable. Strings live beside the component that shows them, as
// { zh, en } pairs (the sheet's own texts are already such pairs), so no central dictionary is shared.
import { create } from 'zustand';
import type { Text } from '../scoresheet';

export type Lang = 'zh' | 'en';

const STORAGE_KEY = 'courtesy.lang';

function initialLang(): Lang {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

interface LangState {
  lang: Lang;
  setLang(lang: Lang): void;
}

export const useLangStore = create<LangState>((set) => ({
  lang: initialLang(),
  setLang(lang) {
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, lang);
    } catch {
      /* private mode: the choice lasts for this visit only */
    }
    if (typeof document !== 'undefined') document.documentElement.lang = lang === 'zh' ? 'zh-Hant-TW' : 'en';
    set({ lang });
  },
}));

export function useLang(): Lang {
  return useLangStore((s) => s.lang);
}

/** `const tr = useTr(); tr({ zh: '儲存', en: 'Save' })` */
export function useTr(): (text: Text) => string {
  const lang = useLang();
  return (text) => text[lang];
}
