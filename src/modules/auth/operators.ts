import { randomUUID } from 'node:crypto';
import type { ClientBase } from 'pg';
import { Role } from '../../common/permissions';
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

/**
 * Makes the account with `email` the first admin of an organization an operator created, creating
 * the account when there is none: with `unusablePasswordHash` (a hash of a password nobody knows), so
 * that the person chooses theirs through a reset link. Answers the user and whether it is new.
 */
export async function addFirstAdmin(
  client: ClientBase,
  organizationId: string,
  person: { email: string; displayName: string },
  unusablePasswordHash: string,
): Promise<{ userId: string; created: boolean }> {
  const email = normalizeEmail(person.email);
  const existing = await client.query<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [email]);
  let userId = existing.rows[0]?.id;
  if (!userId) {
    userId = randomUUID();
    await client.query(`INSERT INTO users (id, email, display_name, password_hash) VALUES ($1, $2, $3, $4)`, [userId, email, person.displayName.trim(), unusablePasswordHash]);
  }
  await client.query(`INSERT INTO memberships (organization_id, id, user_id, role, version) VALUES ($1, $2, $3, $4, 1)`, [organizationId, randomUUID(), userId, Role.ADMIN]);
  return { userId, created: !existing.rows[0] };
}

/** Ends every session of an organization (it was suspended). Answers how many ended. */
export async function endOrganizationSessions(client: ClientBase, organizationId: string, reason: string): Promise<number> {
  const ended = await client.query(`UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2 WHERE organization_id = $1 AND revoked_at IS NULL`, [
    organizationId,
    reason,
  ]);
  return ended.rowCount ?? 0;
}
