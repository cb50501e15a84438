import { Field, ID, InputType, Int } from 'type-graphql';
import { IsId } from '../../../common/validation';

@InputType({ description: "Compares one of your clients' match keys with those of partners who allow matching." })
export class LookUpClientMatchesInput {
  @Field(() => ID, { description: 'Your client.' })
  @IsId()
  clientId!: string;
}

@InputType({ description: 'Confirms or rejects a possible match, as one of its two organizations.' })
export class ChangeClientMatchInput {
  @Field(() => ID, { description: 'The match.' })
  @IsId()
  matchId!: string;

  @Field(() => Int, { description: 'The `version` you read; if the match changed since, the answer is CONFLICT.' })
  expectedVersion!: number;
}
