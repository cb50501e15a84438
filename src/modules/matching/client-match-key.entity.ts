import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { ClientRecord } from '../clients/client.entity';
import type { MatchKeyKind } from './match-keys';

/**
 * One match key of a client: a keyed hash only, never the name or date it was made from, and never
 * returned by the API. The owner reads its own; another organization sees a row only through the
 * lookup policy (migration 1797500000000). Erasing a client deletes its keys by client_id.
 */
@Entity({ name: 'client_match_keys' })
@ForeignKey(() => ClientRecord, ['organizationId', 'clientId'], ['organizationId', 'id'], { name: 'fk_client_match_keys_client', onDelete: 'CASCADE' })
@Index('ix_client_match_keys_key_hash', ['keyHash'])
@Check('ck_client_match_keys_kind', `kind IN ('EXACT_DATE', 'BIRTH_YEAR')`)
@Check('ck_client_match_keys_key_hash', `key_hash ~ '^[0-9a-f]{64}$'`)
export class ClientMatchKey {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_client_match_keys' })
  organizationId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_client_match_keys' })
  clientId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_client_match_keys' })
  kind!: MatchKeyKind;

  @Column({ type: 'text' })
  keyHash!: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
