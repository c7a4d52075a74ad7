// The frame around every screen: app name, navigation by role, language switch. It is also what
// the build prerenders into index.html, so it must render without the device or the network.
import { lazy, Suspense, type ReactNode } from 'react';
import { useLang, useLangStore, useTr } from '../i18n';
import { hrefOf, navFor, type Route } from '../routes';
import { useSession } from '../session';
import { APP_NAME, NAV_LABELS } from './labels';
// Only a tap that cleared answers shows it: loaded after the first screen, with the form.
const UndoBar = lazy(() => import('./UndoBar').then((m) => ({ default: m.UndoBar })));

export function Shell({ route, children }: { route: Route; children: ReactNode }) {
  const tr = useTr();
  const lang = useLang();
  const user = useSession((s) => s.user);
  const setLang = useLangStore((s) => s.setLang);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {tr({ zh: '跳到主要內容', en: 'Skip to main content' })}
      </a>
      <header className="app-header">
        <a className="app-name" href="#/">
          {tr(APP_NAME)}
        </a>
        {user ? (
          <a className="who" href={hrefOf({ name: 'settings' })} aria-label={tr({ zh: `已登入：${user.displayName ?? user.username}`, en: `Signed in as ${user.displayName ?? user.username}` })}>
            {user.displayName ?? user.username}
          </a>
        ) : null}
        <button type="button" className="lang-switch" lang={lang === 'zh' ? 'en' : 'zh-Hant-TW'} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {lang === 'zh' ? 'English' : '中文'}
        </button>
      </header>
      <nav className="app-nav" aria-label={tr({ zh: '主選單', en: 'Main menu' })}>
        <ul>
          {navFor(user?.role).map((name) => (
            <li key={name}>
              <a href={hrefOf({ name } as Route)} aria-current={route.name === name ? 'page' : undefined}>
                {tr(NAV_LABELS[name])}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <Suspense fallback={null}>
        <UndoBar />
      </Suspense>
    </div>
  );
}
