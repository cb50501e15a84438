import { randomUUID } from 'node:crypto';
import { badInput, conflict, notFound } from '../../common/errors';
import type { RequestContext } from '../../context/request-context';
import { recordAudit } from '../audit/audit.service';
import { findOwnClient } from '../clients/client.service';
import { requestRecountForClient } from '../programs/linked-people';
import { ClientMatchRecord } from './client-match.entity';
import { ClientMatchStatus, confirmSide, reject } from './client-match.lifecycle';
import { enforceHourlyQuota } from '../operations/rate-limit';
import { storeMatchKeys } from './match-key.service';
import { MatchKeyKind } from './match-keys';
import type { ClientMatch, ClientMatchLookup } from './matching.types';
import type { ChangeClientMatchInput } from './dto/matching.inputs';

/** A MATCHING consent of `organization`'s `client` to being matched with `recipient`, in force now (SQL). */
const matchingConsent = (organization: string, client: string, recipient: string) =>
  `EXISTS (SELECT 1 FROM consents c
            WHERE c.organization_id = ${organization} AND c.client_id = ${client} AND c.recipient_organization_id = ${recipient}
              AND c.scope = 'MATCHING' AND c.revoked_at IS NULL AND (c.expires_at IS NULL OR c.expires_at > now()) AND c.given_at <= now())`;

/** An ACTIVE partnership in date between `me` and `other` that lets CLIENT_MATCHING flow both ways (SQL). */
const matchingAgreement = (me: string, other: string) =>
  `EXISTS (SELECT 1 FROM partnerships p
            WHERE p.status = 'ACTIVE'
              AND ((p.organization_id = ${me} AND p.partner_organization_id = ${other}) OR (p.partner_organization_id = ${me} AND p.organization_id = ${other}))
              AND 'CLIENT_MATCHING' = ANY (p.proposer_shares) AND 'CLIENT_MATCHING' = ANY (p.partner_shares)
              AND p.starts_on <= (now() AT TIME ZONE 'UTC')::date AND (p.ends_on IS NULL OR p.ends_on >= (now() AT TIME ZONE 'UTC')::date))`;

/**
 * Whether a proposed match may still be shown to `me` (SQL over alias `m`): the agreement and both
 * consents as they are now. When any has lapsed, the match is not mentioned, as if there were none.
 * The partner's consent is readable here because `me` is its recipient.
 */
function rulesHold(me: string): string {
  const other = `(CASE WHEN m.organization_id = ${me} THEN m.partner_organization_id ELSE m.organization_id END)`;
  const mine = `(CASE WHEN m.organization_id = ${me} THEN m.client_id ELSE m.partner_client_id END)`;
  const theirs = `(CASE WHEN m.organization_id = ${me} THEN m.partner_client_id ELSE m.client_id END)`;
  return `(${matchingAgreement(me, other)} AND ${matchingConsent(me, mine, other)} AND ${matchingConsent(other, theirs, me)})`;
}

/**
 * Shown to a side: proposals and confirmed links while the rules hold, so that a link says nothing
 * once the agreement ends or either person's consent is revoked (an erasure revokes them): naming
 * the other organization is itself something about the person. Rejected ones are not shown.
 */
const shown = (me: string) => `(m.status IN ('PROPOSED', 'CONFIRMED') AND ${rulesHold(me)})`;

function view(record: ClientMatchRecord, me: string): ClientMatch {
  const ours = record.organizationId === me;
  return {
    id: record.id,
    clientId: ours ? record.clientId : record.partnerClientId,
    organizationId: ours ? record.partnerOrganizationId : record.organizationId,
    strength: record.strength,
    status: record.status,
    confirmedByYourOrganization: (ours ? record.organizationConfirmedAt : record.partnerConfirmedAt) !== null,
    confirmedByOtherOrganization: (ours ? record.partnerConfirmedAt : record.organizationConfirmedAt) !== null,
    version: record.version,
    proposedAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

async function matchesOf(ctx: RequestContext, organizationId: string, clientId: string): Promise<ClientMatch[]> {
  const rows = await (await ctx.db())
    .createQueryBuilder(ClientMatchRecord, 'm')
    .where('((m.organization_id = :me AND m.client_id = :client) OR (m.partner_organization_id = :me AND m.partner_client_id = :client))', {
      me: organizationId,
      client: clientId,
    })
    .andWhere(shown(':me'))
    .orderBy('m.created_at', 'ASC')
    .addOrderBy('m.id', 'ASC')
    .getMany();
  return rows.map((row) => view(row, organizationId));
}

/** The matches of one of the acting organization's clients that may be shown now. Audited. */
export async function possibleMatches(ctx: RequestContext, clientId: string): Promise<ClientMatch[]> {
  const { organizationId } = await ctx.requirePrincipal();
  const client = await findOwnClient(ctx, clientId, ['clientId']);
  await recordAudit(ctx, { action: 'possibleMatches', entityType: 'Client', entityId: client.id });
  return matchesOf(ctx, organizationId, client.id);
}

/**
 * Compares a client's match keys with those of the organizations the rules allow, records a
 * proposal for each client found that is not linked to this one already (either way round), and
 * answers the client's matches. Where a rule does not hold, the lookup sees nothing: the answer is
 * the same as when nobody matches. The caller audits it (a mutation).
 */
export async function lookUpClientMatches(ctx: RequestContext, clientId: string): Promise<ClientMatchLookup> {
  const { organizationId } = await ctx.requireUser();
  const client = await findOwnClient(ctx, clientId, ['input', 'clientId']);
  await enforceHourlyQuota(ctx, organizationId, 'match-lookup', ctx.config.matching.lookupsPerHour);
  const keys = await storeMatchKeys(ctx, client);
  const em = await ctx.db();
  if (keys.length) {
    // The lookup policy shows the transaction other organizations' key rows with these hashes only,
    // and only while the setting lasts: it is cleared before anything else runs.
    await em.query(`SELECT set_config('app.match_keys', $1, true)`, [keys.map((key) => key.keyHash).join(',')]);
    try {
      const found: { organization_id: string; client_id: string; exact: boolean }[] = await em.query(
        `SELECT k.organization_id, k.client_id, bool_or(k.kind = 'EXACT_DATE') AS exact
           FROM client_match_keys k
          WHERE k.key_hash = ANY ($1::text[]) AND k.organization_id <> $2::uuid
            AND ${matchingConsent('$2::uuid', '$3::uuid', 'k.organization_id')}
          GROUP BY k.organization_id, k.client_id
          ORDER BY k.organization_id, k.client_id`,
        [keys.map((key) => key.keyHash), organizationId, client.id],
      );
      for (const other of found) {
        // One link per pair of clients, whichever side looked first.
        const pair = [`${organizationId}:${client.id}`, `${other.organization_id}:${other.client_id}`].sort().join('|');
        await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`client-match:${pair}`]);
        const proposed: { id: string }[] = await em.query(
          `INSERT INTO client_matches (organization_id, id, client_id, partner_organization_id, partner_client_id, strength, status, version)
           SELECT $1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::uuid, $6, 'PROPOSED', 1
            WHERE NOT EXISTS (SELECT 1 FROM client_matches m
                               WHERE (m.organization_id = $1::uuid AND m.client_id = $3::uuid AND m.partner_organization_id = $4::uuid AND m.partner_client_id = $5::uuid)
                                  OR (m.organization_id = $4::uuid AND m.client_id = $5::uuid AND m.partner_organization_id = $1::uuid AND m.partner_client_id = $3::uuid))
           RETURNING id`,
          [organizationId, randomUUID(), client.id, other.organization_id, other.client_id, other.exact ? MatchKeyKind.EXACT_DATE : MatchKeyKind.BIRTH_YEAR],
        );
        // The partner's trail says its person was compared and proposed, by the match's id (never
        // its client's id, which this organization's own trail would then show).
        for (const { id } of proposed) {
          await recordAudit(ctx, { action: 'clientMatchProposed', entityType: 'ClientMatch', entityId: id, subjectOrganizationId: other.organization_id });
        }
      }
    } finally {
      await em.query(`SELECT set_config('app.match_keys', '', true)`);
    }
  }
  return { id: client.id, clientId: client.id, matches: await matchesOf(ctx, organizationId, client.id) };
}

/** A match the acting organization is a side of and may be shown now, locked for a change; else NOT_FOUND. */
async function lockShownMatch(ctx: RequestContext, organizationId: string, matchId: string): Promise<ClientMatchRecord> {
  const record = await (await ctx.db())
    .createQueryBuilder(ClientMatchRecord, 'm')
    .where('m.id = :id AND (m.organization_id = :me OR m.partner_organization_id = :me)', { id: matchId, me: organizationId })
    .andWhere(shown(':me'))
    .setLock('pessimistic_write')
    .getOne();
  if (!record) throw notFound('ClientMatch', ['input', 'matchId']);
  return record;
}

async function change(ctx: RequestContext, input: ChangeClientMatchInput, confirming: boolean): Promise<ClientMatch> {
  const { organizationId } = await ctx.requireUser();
  const record = await lockShownMatch(ctx, organizationId, input.matchId);
  if (record.version !== input.expectedVersion) {
    throw conflict(`This match changed since you read it: it is ${record.status} now (version ${record.version})`, {
      status: record.status,
      version: record.version,
    });
  }
  const side = record.organizationId === organizationId ? 'ORGANIZATION' : 'PARTNER';
  const next = confirming ? confirmSide(record, side, new Date()) : reject(record);
  if (!next.ok) throw badInput(next.message, ['input', 'matchId']);
  const linked = record.status === ClientMatchStatus.CONFIRMED;
  record.status = next.next.status;
  record.organizationConfirmedAt = next.next.organizationConfirmedAt;
  record.partnerConfirmedAt = next.next.partnerConfirmedAt;
  if (record.status === ClientMatchStatus.REJECTED) record.rejectedByOrganizationId = organizationId;
  const saved = await (await ctx.db()).save(record);
  // A link made or undone changes who counts once in the programmes the person is enrolled in.
  if (linked !== (saved.status === ClientMatchStatus.CONFIRMED)) {
    await requestRecountForClient(ctx, side === 'ORGANIZATION' ? saved.clientId : saved.partnerClientId);
  }
  return view(saved, organizationId);
}

export const confirmClientMatch = (ctx: RequestContext, input: ChangeClientMatchInput) => change(ctx, input, true);
export const rejectClientMatch = (ctx: RequestContext, input: ChangeClientMatchInput) => change(ctx, input, false);
