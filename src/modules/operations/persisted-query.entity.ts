import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Organization } from '../organizations/organization.entity';

/** The text of a query registered under its SHA-256 (automatic persisted queries). */
@Entity({ name: 'persisted_queries' })
@Check('ck_persisted_queries_hash', `hash ~ '^[0-9a-f]{64}$'`)
@Index('ix_persisted_queries_registered_used', ['registeredBy', 'lastUsedAt'], { where: 'NOT pinned' })
@Index('ix_persisted_queries_used', ['lastUsedAt'], { where: 'NOT pinned' })
export class PersistedQuery {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_persisted_queries' })
  hash!: string;

  @Column({ type: 'text' })
  query!: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  /** The organization whose signed-in caller registered it (its quota); null for pinned entries and rows from before quotas. */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => Organization, { name: 'fk_persisted_queries_organization', onDelete: 'CASCADE' })
  registeredBy!: string | null;

  /** Registered by an operator for allow-list mode: never evicted. */
  @Column({ type: 'boolean', default: false })
  pinned!: boolean;

  /** When a request last ran it (kept to the day), for evicting unused entries. */
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  lastUsedAt!: Date;
}
