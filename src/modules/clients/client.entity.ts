import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, UpdateDateColumn, VersionColumn, Check } from 'typeorm';
import { User } from '../auth/user.entity';
import { Organization } from '../organizations/organization.entity';
import type { AgeBand, ErasureReason, Sex, Vulnerability } from './client.enums';

/**
 * A person an organization helps. Not a GraphQL type itself: its owner reads it as `Client`, a
 * receiving organization as `ReferredClient`, each through its own read path (client.views.ts).
 */
@Entity({ name: 'clients' })
@Index('ix_clients_organization_created', ['organizationId', 'createdAt'])
@Index('ix_clients_organization_search_name', ['organizationId', 'searchName', 'id'])
@Check('ck_clients_sex', `sex IN ('FEMALE', 'MALE', 'INTERSEX', 'UNKNOWN')`)
@Check('ck_clients_age_band', `age_band IN ('AGE_0_5', 'AGE_6_11', 'AGE_12_17', 'AGE_18_59', 'AGE_60_PLUS')`)
@Check('ck_clients_age', `birth_date IS NOT NULL OR age_band IS NOT NULL`)
@Check('ck_clients_erasure', `(erased_at IS NULL) = (erasure_reason IS NULL)`)
export class ClientRecord {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_clients' })
  @ForeignKey(() => Organization, { name: 'fk_clients_organization', onDelete: 'CASCADE' })
  organizationId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_clients' })
  id!: string;

  @Column({ type: 'text' })
  fullName!: string;

  @Column({ type: 'text', nullable: true })
  preferredName!: string | null;

  @Column({ type: 'date', nullable: true })
  birthDate!: string | null;

  /** Stored only when the birth date is unknown; otherwise derived from it when read. */
  @Column({ type: 'text', nullable: true })
  ageBand!: AgeBand | null;

  @Column({ type: 'text' })
  sex!: Sex;

  @Column({ type: 'text', nullable: true })
  genderIdentity!: string | null;

  @Column({ type: 'text', nullable: true })
  preferredLanguage!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  address!: string | null;

  @Column({ type: 'text', nullable: true })
  region!: string | null;

  @Column({ type: 'text', array: true })
  vulnerabilities!: Vulnerability[];

  /** Names folded for accent-insensitive search (common/search-text.ts). */
  @Column({ type: 'text' })
  searchName!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => User, { name: 'fk_clients_created_by_user' })
  createdByUserId!: string;

  @VersionColumn({ type: 'integer' })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  /** When the person's details were erased (client.erasure.ts); the row stays for the counts that name it. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  erasedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  erasureReason!: ErasureReason | null;
}
