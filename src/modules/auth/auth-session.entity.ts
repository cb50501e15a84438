import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Organization } from '../organizations/organization.entity';
import { User } from './user.entity';

/**
 * One sign-in of one user acting as one organization. Every refresh token of a session belongs to
 * one rotation family; revoking the session ends its access tokens too (they name the session).
 */
@Entity({ name: 'auth_sessions' })
@Index('ix_auth_sessions_organization_user', ['organizationId', 'userId'])
export class AuthSession {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_auth_sessions' })
  @ForeignKey(() => Organization, { name: 'fk_auth_sessions_organization', onDelete: 'CASCADE' })
  organizationId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_auth_sessions' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => User, { name: 'fk_auth_sessions_user', onDelete: 'CASCADE' })
  userId!: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  revokedReason!: string | null;
}
