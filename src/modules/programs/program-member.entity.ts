import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, Unique, UpdateDateColumn, VersionColumn } from 'typeorm';
import { DateTimeScalar } from '../../common/scalars';
import { Organization } from '../organizations/organization.entity';
import { ProgramMemberRole, ProgramMemberStatus } from './program.enums';
import { Program } from './program.entity';

/**
 * An organization's membership of a programme, under the lead's organization_id. Every programme
 * policy asks this table (through app_program_role) what the acting organization may see.
 */
@ObjectType({ description: "An organization's membership of a programme, with its role." })
@Entity({ name: 'program_members' })
@ForeignKey(() => Program, ['organizationId', 'programId'], ['organizationId', 'id'], { name: 'fk_program_members_program', onDelete: 'CASCADE' })
@Unique('uq_program_members_program_member', ['organizationId', 'programId', 'memberOrganizationId'])
@Index('ix_program_members_member', ['memberOrganizationId', 'status'])
@Check('ck_program_members_role', `role IN ('LEAD', 'IMPLEMENTING_PARTNER', 'FUNDER')`)
@Check('ck_program_members_status', `status IN ('INVITED', 'ACTIVE', 'DECLINED', 'REMOVED')`)
export class ProgramMember {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_program_members' })
  organizationId!: string;

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_program_members' })
  id!: string;

  @Column({ type: 'uuid' })
  programId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => Organization, { name: 'fk_program_members_member_organization', onDelete: 'CASCADE' })
  memberOrganizationId!: string;

  @Field(() => ProgramMemberRole, { description: "The organization's role in the programme." })
  @Column({ type: 'text' })
  role!: ProgramMemberRole;

  @Field(() => ProgramMemberStatus, { description: 'Where the membership stands.' })
  @Column({ type: 'text' })
  status!: ProgramMemberStatus;

  @Field(() => Int, { description: 'Increases on every change; pass it back as `expectedVersion`.' })
  @VersionColumn({ type: 'integer' })
  version!: number;

  @Field(() => DateTimeScalar, { description: 'When the organization was invited.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When the status last changed.' })
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
