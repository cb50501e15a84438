import { Field, ID, Int, ObjectType } from 'type-graphql';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  Unique,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Role } from '../../common/permissions';
import { DateTimeScalar } from '../../common/scalars';
import { Organization } from '../organizations/organization.entity';
import { User } from './user.entity';

@ObjectType({ description: "A user's membership of an organization, with their role there." })
@Entity({ name: 'memberships' })
@Unique('uq_memberships_organization_user', ['organizationId', 'userId'])
@Index('ix_memberships_user', ['userId'])
@Check('ck_memberships_role', `role IN ('ADMIN', 'COORDINATOR', 'CASEWORKER', 'VIEWER')`)
export class Membership {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_memberships' })
  @ForeignKey(() => Organization, { name: 'fk_memberships_organization', onDelete: 'CASCADE' })
  organizationId!: string;

  @Field(() => ID, { description: 'Stable identifier (UUID) of the membership.' })
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_memberships' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => User, { name: 'fk_memberships_user', onDelete: 'CASCADE' })
  userId!: string;

  @Field(() => Role, { description: 'Role in this organization.' })
  @Column({ type: 'text' })
  role!: Role;

  @Field(() => Int, { description: 'Increases on every change; pass it back as `expectedVersion` to update safely.' })
  @VersionColumn({ type: 'integer' })
  version!: number;

  @Field(() => DateTimeScalar, { description: 'When the user joined the organization.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When the role last changed.' })
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
