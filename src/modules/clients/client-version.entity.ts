import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { User } from '../auth/user.entity';
import { ClientRecord } from './client.entity';

/**
 * A client's record as it was before one change (updateClient or correctClient): nothing about a
 * person is silently overwritten. Only the client's organization reads it (in `clientRecord`);
 * erasing the client deletes it. Not a GraphQL type.
 */
@Entity({ name: 'client_versions' })
@ForeignKey(() => ClientRecord, ['organizationId', 'clientId'], ['organizationId', 'id'], { name: 'fk_client_versions_client', onDelete: 'CASCADE' })
@Index('ix_client_versions_organization_client', ['organizationId', 'clientId', 'version'])
export class ClientVersion {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_client_versions' })
  organizationId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_client_versions' })
  id!: string;

  @Column({ type: 'uuid' })
  clientId!: string;

  /** The version the values were, before the change made it version + 1. */
  @Column({ type: 'integer' })
  version!: number;

  /** The mutation that changed it: updateClient or correctClient. */
  @Column({ type: 'text' })
  action!: string;

  /** The reason a correction gave. */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /** The personal fields that changed, with the values they had. */
  @Column({ type: 'jsonb' })
  previousValues!: Record<string, unknown>;

  @Column({ type: 'uuid' })
  @ForeignKey(() => User, { name: 'fk_client_versions_changed_by_user' })
  changedByUserId!: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
