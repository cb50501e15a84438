import { ApiKey } from '../modules/auth/api-key.entity';
import { AuthSession } from '../modules/auth/auth-session.entity';
import { Invitation } from '../modules/auth/invitation.entity';
import { Membership } from '../modules/auth/membership.entity';
import { RefreshToken } from '../modules/auth/refresh-token.entity';
import { User } from '../modules/auth/user.entity';
import { Organization } from '../modules/organizations/organization.entity';

export const ENTITIES = [Organization, User, Membership, AuthSession, RefreshToken, Invitation, ApiKey];
