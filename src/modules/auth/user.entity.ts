import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';
import { DateTimeScalar, EmailScalar } from '../../common/scalars';

/**
 * A person's global identity. Not tenant data: one user can belong to several organizations,
 * and RLS shows a user row only to the user, to organizations they are a member of, and to the
 * sign-in lookup of its own email.
 */
@ObjectType({ description: 'A person who signs in. The same user can be a member of several organizations.' })
@Entity({ name: 'users' })
@Unique('uq_users_email', ['email'])
export class User {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_users' })
  id!: string;

  @Field(() => EmailScalar, { description: 'Sign-in email, stored lower-case.' })
  @Column({ type: 'text' })
  email!: string;

  @Field({ description: 'Name shown to colleagues, in any script.' })
  @Column({ type: 'text' })
  displayName!: string;

  @Column({ type: 'text' })
  passwordHash!: string;

  /** When a platform operator disabled the account (it can then neither sign in nor join); null while it may. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  disabledAt!: Date | null;

  /** The operator who disabled it. */
  @Column({ type: 'text', nullable: true })
  disabledBy!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the account was created.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
