import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client.js';
import { signIn } from '../../api/endpoints.js';
import type { SessionUser } from '../../api/types.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import { useDocumentTitle } from '../../hooks/use-document-title.js';
import type { PageProps } from '../../routes.js';
import { navigate, useLocation } from '../../router.js';
import { useSession } from '../../session.js';
import { landingFor, retryMinutes } from './sign-in.js';
import { useStaffText, type StaffText } from './messages.js';
import './staff.css';

type Failure = { readonly kind: 'message'; readonly text: string } | { readonly kind: 'other'; readonly error: unknown };

/** /staff/sign-in?next=/staff/moderation/… — e-mail and password; then back where the user came from. */
export function SignInPage(_props: PageProps) {
  const { t: s } = useStaffText();
  const { user, setUser, signOut } = useSession();
  const { query } = useLocation();
  const next = query.get('next');
  useDocumentTitle(s('signIn.title'));

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const session = await signIn(email, password);
      if (!session.user) throw new ApiError('invalid-response', 200, 'Signed in without an account');
      setUser(session.user);
      navigate(landingFor(session.user.role, next, location.origin), { replace: true });
    } catch (error) {
      setPassword('');
      setFailure(describeFailure(error, s));
    } finally {
      setBusy(false);
    }
  };

  if (user === undefined) return <Loading />;
  return (
    <section class="page staff-page staff-sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{s('signIn.title')}</h1>
      {user ? (
        <SignedIn user={user} next={landingFor(user.role, next, location.origin)} onSignOut={() => void signOut()} />
      ) : (
        <>
          <p>{s('signIn.intro')}</p>
          <form class="staff-form" onSubmit={(e) => void submit(e)}>
            <CredentialField name="email" label={s('signIn.email')} value={email} onInput={setEmail} failure={failure} />
            <CredentialField name="password" label={s('signIn.password')} value={password} onInput={setPassword} failure={failure} />
            <div id="sign-in-error">
              {failure?.kind === 'message' && (
                <p class="notice notice-error" role="alert">
                  {failure.text}
                </p>
              )}
              {failure?.kind === 'other' && <ErrorNotice error={failure.error} />}
            </div>
            <button type="submit" class="button button-primary" disabled={busy}>
              {busy ? s('signIn.submitting') : s('signIn.submit')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}

interface CredentialFieldProps {
  readonly name: 'email' | 'password';
  readonly label: string;
  readonly value: string;
  readonly onInput: (value: string) => void;
  readonly failure: Failure | null;
}

/** E-mail or password: both point at the one sign-in error, as the API does not say which was wrong. */
function CredentialField({ name, label, value, onInput, failure }: CredentialFieldProps) {
  const kind = name === 'email' ? ({ type: 'email', autocomplete: 'username' } as const) : ({ type: 'password', autocomplete: 'current-password' } as const);
  return (
    <div class="field">
      <label for={`staff-${name}`}>{label}</label>
      <input
        id={`staff-${name}`}
        name={name}
        {...kind}
        required
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
        aria-invalid={failure?.kind === 'message' ? true : undefined}
        aria-describedby={failure ? 'sign-in-error' : undefined}
      />
    </div>
  );
}

function SignedIn({ user, next, onSignOut }: { readonly user: SessionUser; readonly next: string; readonly onSignOut: () => void }) {
  const { t: s } = useStaffText();
  return (
    <div class="staff-signed-in">
      <p>{s('signIn.already', { name: user.displayName })}</p>
      <p class="button-row">
        <a class="button button-primary" href={next}>
          {s('signIn.continue')}
        </a>
        <button type="button" class="button" onClick={onSignOut}>
          {s('signIn.signOut')}
        </button>
      </p>
    </div>
  );
}

function describeFailure(error: unknown, s: StaffText['t']): Failure {
  if (!(error instanceof ApiError) || error.kind !== 'http') return { kind: 'other', error };
  // One message for a wrong e-mail and a wrong password: the API does not say which, nor do we.
  if (error.status === 401) return { kind: 'message', text: s('signIn.wrong') };
  if (error.status === 429) {
    const minutes = retryMinutes(null, error.message);
    return { kind: 'message', text: minutes === null ? s('signIn.tooMany') : s('signIn.tooManyMinutes', { minutes }) };
  }
  if (error.status === 400) return { kind: 'message', text: s('signIn.rejected', { message: error.message }) };
  return { kind: 'other', error };
}
