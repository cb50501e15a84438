import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in throttling (issue 12), shared by every instance: attempts to sign in (login, sign-up with
 * an existing account's password, accepting an invitation) are counted per account and per client
 * address before the password is checked, with a backoff once a key has had its free attempts.
 * Keys are hashes (no email or address is stored). As for every table, RLS: a transaction sees
 * only the keys it names (`app.sign_in_keys`, which the counting function sets for its own keys).
 */
export class SignInThrottle1796100000000 implements MigrationInterface {
  name = 'SignInThrottle1796100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE sign_in_attempts (
        key text NOT NULL,
        attempts integer NOT NULL,
        last_attempt_at timestamptz(3) NOT NULL,
        blocked_until timestamptz(3) NOT NULL,
        CONSTRAINT pk_sign_in_attempts PRIMARY KEY (key),
        CONSTRAINT ck_sign_in_attempts_key CHECK (key ~ '^[a-z]+:[0-9a-f]{64}$'))`);
    await q.query(`ALTER TABLE sign_in_attempts ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE sign_in_attempts FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY sign_in_attempts_named ON sign_in_attempts TO ngo_commons_app
        USING (key = ANY (string_to_array(current_setting('app.sign_in_keys', true), ',')))
        WITH CHECK (key = ANY (string_to_array(current_setting('app.sign_in_keys', true), ',')))`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON sign_in_attempts TO ngo_commons_app`);

    // Counts one attempt on every key unless one of them is in its backoff; answers the seconds to
    // wait (0: go ahead). A key's count starts again once it has had no attempt for p_quiet_seconds.
    await q.query(`CREATE FUNCTION app_sign_in_attempt(p_keys text[], p_free integer[], p_caps integer[], p_quiet_seconds integer)
      RETURNS integer LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
      DECLARE
        wait integer := 0;
        found sign_in_attempts;
        counted integer;
      BEGIN
        PERFORM set_config('app.sign_in_keys', array_to_string(p_keys, ','), true);
        FOR i IN 1 .. coalesce(array_length(p_keys, 1), 0) LOOP
          -- Takes the key's row lock: concurrent attempts on one key are counted one after the other.
          INSERT INTO sign_in_attempts AS a (key, attempts, last_attempt_at, blocked_until)
          VALUES (p_keys[i], 0, now(), '-infinity')
          ON CONFLICT (key) DO UPDATE SET key = a.key
          RETURNING * INTO found;
          IF found.blocked_until > now() THEN
            wait := greatest(wait, ceil(extract(epoch FROM found.blocked_until - now()))::integer);
          END IF;
        END LOOP;
        IF wait > 0 THEN
          RETURN wait;
        END IF;
        FOR i IN 1 .. coalesce(array_length(p_keys, 1), 0) LOOP
          UPDATE sign_in_attempts
             SET attempts = CASE WHEN last_attempt_at < now() - make_interval(secs => p_quiet_seconds) THEN 1 ELSE attempts + 1 END,
                 last_attempt_at = now()
           WHERE key = p_keys[i]
          RETURNING attempts INTO counted;
          IF counted > p_free[i] THEN
            UPDATE sign_in_attempts SET blocked_until = now() + make_interval(secs => least(power(2, counted - p_free[i] - 1), p_caps[i]))
             WHERE key = p_keys[i];
          END IF;
        END LOOP;
        RETURN 0;
      END $$`);
    // A sign-in that succeeded: its subject starts again, and it no longer counts against its
    // address (which then counts failures only, so an office where many people sign in is not slowed).
    await q.query(`CREATE FUNCTION app_sign_in_succeeded(p_key text, p_address_key text) RETURNS void
      LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
      BEGIN
        PERFORM set_config('app.sign_in_keys', concat_ws(',', p_key, p_address_key), true);
        DELETE FROM sign_in_attempts WHERE key = p_key;
        UPDATE sign_in_attempts SET attempts = greatest(attempts - 1, 0) WHERE key = p_address_key;
      END $$`);
    for (const fn of ['app_sign_in_attempt(text[], integer[], integer[], integer)', 'app_sign_in_succeeded(text, text)']) {
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${fn} TO ngo_commons_app`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION app_sign_in_succeeded(text, text)`);
    await q.query(`DROP FUNCTION app_sign_in_attempt(text[], integer[], integer[], integer)`);
    await q.query(`DROP TABLE sign_in_attempts`);
  }
}
