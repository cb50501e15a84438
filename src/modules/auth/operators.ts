import type { ClientBase } from 'pg';
import { normalizeEmail } from './auth.service';

/*
 * What platform operators do to user accounts (`npm run ops`), as the schema owner on a connection
 * of their own, never through the API: see src/cli/operator-commands.ts.
 */

/**
 * Disables the account with this email (by `operator`) and ends every session of it at once, or
 * (`operator` null) enables it again; its sessions stay ended. Answers the user's id and how many
 * sessions ended; null when no account has that email.
 */
export async function setUserDisabled(client: ClientBase, email: string, operator: string | null): Promise<{ userId: string; endedSessions: number } | null> {
  const { rows } = await client.query<{ id: string }>(
    `UPDATE users SET disabled_at = CASE WHEN $2::text IS NULL THEN NULL ELSE now() END, disabled_by = $2, updated_at = now()
      WHERE email = $1 RETURNING id`,
    [normalizeEmail(email), operator],
  );
  if (!rows[0]) return null;
  if (operator === null) return { userId: rows[0].id, endedSessions: 0 };
  const ended = await client.query(`UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'disabled by a platform operator' WHERE user_id = $1 AND revoked_at IS NULL`, [
    rows[0].id,
  ]);
  return { userId: rows[0].id, endedSessions: ended.rowCount ?? 0 };
}
