import type { AppModule } from '../../common/module';
import { ApiKey } from './api-key.entity';
import { ApiKeysResolver } from './api-keys.resolver';
import { AuthSession } from './auth-session.entity';
import { AuthResolver } from './auth.resolver';
import { Invitation } from './invitation.entity';
import { MembersResolver } from './members.resolver';
import { Membership } from './membership.entity';
import { PasswordReset } from './password-reset.entity';
import { RefreshToken } from './refresh-token.entity';
import { User } from './user.entity';
import { ViewerResolver } from './viewer.resolver';

/** People and credentials: accounts, memberships and roles, sessions, invitations, API keys. */
export const authModule: AppModule = {
  name: 'auth',
  entities: [User, Membership, AuthSession, RefreshToken, Invitation, ApiKey, PasswordReset],
  resolvers: [AuthResolver, ViewerResolver, MembersResolver, ApiKeysResolver],
};
