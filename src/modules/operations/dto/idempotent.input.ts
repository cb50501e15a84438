import { Length } from 'class-validator';
import { Field, InputType } from 'type-graphql';

/** The optional key of an input that creates something (see ../idempotency.ts); inputs extend it. */
@InputType({ description: 'Fields of every input that creates something.' })
export abstract class IdempotentInput {
  @Field(() => String, {
    nullable: true,
    description:
      'Any string unique to this attempt (8–200 characters, e.g. a UUID made by the client). Retrying with the same key and input returns what the first attempt created instead of creating it again.',
  })
  @Length(8, 200)
  idempotencyKey?: string | null;
}
