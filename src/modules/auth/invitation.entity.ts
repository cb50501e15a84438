import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Role } from '../../common/permissions';
import { DateTimeScalar, EmailScalar } from '../../common/scalars';
import { Organization } from '../organizations/organization.entity';
import { User } from './user.entity';

@ObjectType({
  description:
    'An invitation to join the organization. Its one-time token is shown once, when it is created; the admin passes it on.',
})
@Entity({ name: 'invitations' })
@Index('ix_invitations_organization_created', ['organizationId', 'createdAt'])
@Index('ix_invitations_token_hash', ['tokenHash'])
@Index('uq_invitations_organization_pending_email', ['organizationId', 'email'], {
  unique: true,
  where: 'accepted_at IS NULL AND revoked_at IS NULL',
})
@Check('ck_invitations_role', `role IN ('ADMIN', 'COORDINATOR', 'CASEWORKER', 'VIEWER')`)
export class Invitation {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_invitations' })
  @ForeignKey(() => Organization, { name: 'fk_invitations_organization', onDelete: 'CASCADE' })
  organizationId!: string;

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_invitations' })
  id!: string;

  @Field(() => EmailScalar, { description: 'Email of the person invited; they sign in with it.' })
  @Column({ type: 'text' })
  email!: string;

  @Field(() => Role, { description: 'Role the person gets on accepting.' })
  @Column({ type: 'text' })
  role!: Role;

  @Column({ type: 'text' })
  tokenHash!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => User, { name: 'fk_invitations_invited_by_user' })
  invitedByUserId!: string;

  @Field(() => DateTimeScalar, { description: 'When the invitation was made.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'After this moment the token no longer works.' })
  @Column({ type: 'timestamptz', precision: 3 })
  expiresAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was accepted, if it was.' })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  acceptedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => User, { name: 'fk_invitations_accepted_by_user' })
  acceptedByUserId!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When an admin revoked it, if they did.' })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  revokedAt!: Date | null;
}
