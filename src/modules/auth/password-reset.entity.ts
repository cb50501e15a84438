import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { User } from './user.entity';

/** A one-time, expiring password-reset token, stored hashed; reachable only by its hash. */
@Entity({ name: 'password_resets' })
@Unique('uq_password_resets_token_hash', ['tokenHash'])
@Index('ix_password_resets_user', ['userId'])
export class PasswordReset {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_password_resets' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => User, { name: 'fk_password_resets_user', onDelete: 'CASCADE' })
  userId!: string;

  @Column({ type: 'text' })
  tokenHash!: string;

  /** `self` when the person asked for it; otherwise the operator who issued it. */
  @Column({ type: 'text' })
  requestedBy!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
