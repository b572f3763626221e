import { useEffect, useRef, useState } from 'preact/hooks';
import { STAFF_AREAS } from './api/types.js';
import { describeError } from './components/error-notice.js';
import { I18nProvider, LANGUAGES, useI18n, type Language } from './i18n/i18n.js';
import { findRoute } from './lib/route-match.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { ROUTES } from './routes.js';
import { navigate, useLocation } from './router.js';
import { SessionProvider, useSession } from './session.js';

/** The shell around every page: skip link, header with the menu and language choice, main, footer. */
export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <Shell />
      </SessionProvider>
    </I18nProvider>
  );
}

function Shell() {
  const { t } = useI18n();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const match = findRoute(ROUTES, location.path);

  // A new page (not a new query on the same page): start at its top and move focus to <main>,
  // so screen readers begin reading the new page and keyboard users do not tab from the old link.
  const previousPath = useRef(location.path);
  useEffect(() => {
    if (previousPath.current === location.path) return;
    previousPath.current = location.path;
    if (location.via === 'push') window.scrollTo(0, 0);
    // Back/forward: where the reader was (the search page shows its last results at once, so
    // there is something to scroll to; children's effects have run before this one).
    else if (location.via === 'pop' && location.scrollY !== null) window.scrollTo(0, location.scrollY);
    main.current?.focus({ preventScroll: true });
  }, [location.path, location.via]);

  const Page = match?.route.page;
  return (
    <>
      <a class="skip-link" href="#main">
        {t('app.skipToMain')}
      </a>
      <Header path={location.path} />
      <main id="main" ref={main} tabIndex={-1}>
        {/* Keyed by the path, not the route: /staff/moderation/a → /b must not keep a's state. */}
        {Page && match ? <Page key={location.path} params={match.params} /> : <NotFoundPage />}
      </main>
      <Footer />
    </>
  );
}

function Header({ path }: { readonly path: string }) {
  const { t } = useI18n();
  const { user, signOut } = useSession();
  const [signOutError, setSignOutError] = useState<unknown>(null);
  const staff = user ? STAFF_AREAS[user.role] : [];
  useEffect(() => setSignOutError(null), [user]);
  const onSignOut = () => {
    setSignOutError(null);
    signOut().then(
      () => navigate('/'),
      (error: unknown) => setSignOutError(error),
    );
  };
  const current = (href: string) => (href === '/' ? path === '/' || path.startsWith('/stories/') : path.startsWith(href)) ? 'page' : undefined;
  return (
    <header class="site-header">
      <div class="header-inner">
        <p class="brand">
          <a href="/" aria-label={`${t('app.name')} – ${t('nav.search')}`}>
            {t('app.name')}
          </a>
          <span class="tagline">{t('app.tagline')}</span>
        </p>
        <nav aria-label={t('nav.label')}>
          <ul class="nav-list">
            <li>
              <a href="/" aria-current={current('/')}>{t('nav.search')}</a>
            </li>
            <li>
              <a href="/contribute" aria-current={current('/contribute')}>{t('nav.contribute')}</a>
            </li>
            {staff.includes('moderation') && (
              <li>
                <a href="/staff/moderation" aria-current={current('/staff/moderation')}>{t('nav.moderation')}</a>
              </li>
            )}
            {staff.includes('collections') && (
              <li>
                <a href="/staff/collections" aria-current={current('/staff/collections')}>{t('nav.collections')}</a>
              </li>
            )}
          </ul>
        </nav>
        <div class="header-tools">
          {user && (
            <p class="signed-in">
              <span>{t('nav.signedInAs', { name: user.displayName })}</span>{' '}
              <button type="button" class="link-button" onClick={onSignOut}>
                {t('nav.signOut')}
              </button>
            </p>
          )}
          {signOutError !== null && (
            <p class="sign-out-error" role="alert">
              {t('nav.signOutFailed', { reason: describeError(signOutError, t) })}
            </p>
          )}
          <LanguageSwitch />
        </div>
      </div>
    </header>
  );
}

/** Two buttons rather than a select: one press, and each says its language in that language. */
function LanguageSwitch() {
  const { t, lang, setLanguage } = useI18n();
  return (
    <div class="language-switch" role="group" aria-label={t('lang.label')}>
      {LANGUAGES.map((code: Language) => (
        <button key={code} type="button" lang={code} aria-pressed={lang === code} onClick={() => setLanguage(code)}>
          {t(`lang.${code}`)}
        </button>
      ))}
    </div>
  );
}

function Footer() {
  const { t } = useI18n();
  const { user } = useSession();
  return (
    <footer class="site-footer">
      <p>{t('footer.about')}</p>
      <ul class="footer-links">
        {user === null && (
          <li>
            <a href="/staff/sign-in">{t('nav.signIn')}</a>
          </li>
        )}
        <li>
          <a href="/api/openapi.json">{t('footer.api')}</a>
        </li>
        <li>
          <a href="/readyz">{t('footer.status')}</a>
        </li>
      </ul>
    </footer>
  );
}
