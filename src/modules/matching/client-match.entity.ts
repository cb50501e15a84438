import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { ClientRecord } from '../clients/client.entity';
import type { MatchKeyKind } from './match-keys';
import type { ClientMatchStatus } from './client-match.lifecycle';

/**
 * A possible link between a client of each of two organizations: ids and states only, no personal
 * data. Stored under the organization whose lookup found it; both sides read it and confirm it.
 */
@Entity({ name: 'client_matches' })
@ForeignKey(() => ClientRecord, ['organizationId', 'clientId'], ['organizationId', 'id'], { name: 'fk_client_matches_client', onDelete: 'CASCADE' })
@ForeignKey(() => ClientRecord, ['partnerOrganizationId', 'partnerClientId'], ['organizationId', 'id'], {
  name: 'fk_client_matches_partner_client',
  onDelete: 'CASCADE',
})
@Index('ux_client_matches_pair', ['organizationId', 'clientId', 'partnerOrganizationId', 'partnerClientId'], { unique: true })
@Index('ix_client_matches_partner_client', ['partnerOrganizationId', 'partnerClientId'])
@Check('ck_client_matches_strength', `strength IN ('EXACT_DATE', 'BIRTH_YEAR')`)
@Check('ck_client_matches_status', `status IN ('PROPOSED', 'CONFIRMED', 'REJECTED')`)
@Check('ck_client_matches_not_self', `organization_id <> partner_organization_id`)
@Check(
  'ck_client_matches_rejected_by',
  `rejected_by_organization_id IS NULL OR rejected_by_organization_id IN (organization_id, partner_organization_id)`,
)
export class ClientMatchRecord {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_client_matches' })
  organizationId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_client_matches' })
  id!: string;

  @Column({ type: 'uuid' })
  clientId!: string;

  @Column({ type: 'uuid' })
  partnerOrganizationId!: string;

  @Column({ type: 'uuid' })
  partnerClientId!: string;

  @Column({ type: 'text' })
  strength!: MatchKeyKind;

  @Column({ type: 'text' })
  status!: ClientMatchStatus;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  organizationConfirmedAt!: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  partnerConfirmedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  rejectedByOrganizationId!: string | null;

  @VersionColumn({ type: 'integer' })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
