-- Staff accounts (editor, clinician, educator, admin) and their sign-in sessions.
-- Contributors have no account: they hold a receipt code (see 0006).

CREATE TABLE staff_users (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Stored lower-cased, so "Kari@Example.no" and "kari@example.no" are one account.
  email          text NOT NULL UNIQUE CHECK (email = lower(email) AND email LIKE '%_@_%'),
  display_name   text NOT NULL CHECK (display_name <> ''),
  role           text NOT NULL CHECK (role IN ('clinician', 'educator', 'editor', 'admin')),
  -- An argon2id PHC string ($argon2id$v=19$m=…,t=…,p=…$salt$hash); never the password.
  password_hash  text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  created_at     timestamptz NOT NULL DEFAULT now(),
  -- Set: the account can no longer sign in and its sessions stop working.
  disabled_at    timestamptz
);

CREATE TABLE staff_sessions (
  -- SHA-256 (hex) of the session token: a copy of this table does not let anyone sign in.
  token_sha256   text PRIMARY KEY CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
  user_id        uuid NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
  -- The synchronizer token state-changing requests must echo in X-CSRF-Token.
  csrf_token     text NOT NULL CHECK (length(csrf_token) >= 32),
  created_at     timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,
  last_seen_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (expires_at > created_at)
);
CREATE INDEX staff_sessions_expires_at_idx ON staff_sessions (expires_at);
CREATE INDEX staff_sessions_user_id_idx ON staff_sessions (user_id);
