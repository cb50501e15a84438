import { DateTimeResolver, EmailAddressResolver, UUIDResolver } from 'graphql-scalars';

export { DateTimeResolver as DateTimeScalar, EmailAddressResolver as EmailScalar, UUIDResolver as UUIDScalar };
