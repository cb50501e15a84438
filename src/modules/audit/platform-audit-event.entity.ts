import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Organization } from '../organizations/organization.entity';

/**
 * A platform operator's command (`npm run ops`): who ran what, on which organization. Written by
 * the schema owner only; no policy lets the application role read it, and it is no GraphQL type.
 */
@Entity({ name: 'platform_audit_events' })
@Index('ix_platform_audit_events_subject_created', ['subjectOrganizationId', 'createdAt'])
export class PlatformAuditEvent {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_platform_audit_events' })
  id!: string;

  @Column({ type: 'text' })
  operator!: string;

  @Column({ type: 'text' })
  command!: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => Organization, { name: 'fk_platform_audit_events_subject_organization', onDelete: 'SET NULL' })
  subjectOrganizationId!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
