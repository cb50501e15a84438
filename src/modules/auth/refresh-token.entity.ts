import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { AuthSession } from './auth-session.entity';

/** A refresh token, stored only as its SHA-256 hash. Used once: refreshing rotates it. */
@Entity({ name: 'refresh_tokens' })
@ForeignKey(() => AuthSession, ['organizationId', 'sessionId'], ['organizationId', 'id'], {
  name: 'fk_refresh_tokens_session',
  onDelete: 'CASCADE',
})
@Index('ix_refresh_tokens_token_hash', ['tokenHash'])
@Index('ix_refresh_tokens_organization_session', ['organizationId', 'sessionId'])
export class RefreshToken {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_refresh_tokens' })
  organizationId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_refresh_tokens' })
  id!: string;

  @Column({ type: 'uuid' })
  sessionId!: string;

  /** Copied from the session so that the row policy needs no join. */
  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  tokenHash!: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  usedAt!: Date | null;
}
