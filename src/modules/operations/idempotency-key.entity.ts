import { Column, CreateDateColumn, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { Organization } from '../organizations/organization.entity';

/** A create mutation's idempotency key, with what the first attempt created. */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKey {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_idempotency_keys' })
  @ForeignKey(() => Organization, { name: 'fk_idempotency_keys_organization', onDelete: 'CASCADE' })
  organizationId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_idempotency_keys' })
  key!: string;

  @Column({ type: 'text' })
  operation!: string;

  /** SHA-256 of the operation's input, so a key reused for a different request is refused, not replayed. */
  @Column({ type: 'text' })
  requestHash!: string;

  @Column({ type: 'uuid', nullable: true })
  entityOrganizationId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  entityId!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
