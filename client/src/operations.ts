import { graphql } from './gql';

/** Examples of a front end's operations, typed by `npm run codegen`: copy the pattern for your own. */
export const InboxQuery = graphql(`
  query Inbox($first: Int, $after: String) {
    referralInbox(first: $first, after: $after) {
      edges {
        node {
          id
          status
          version
          urgency
          dueOn
          sender {
            name
          }
          client {
            fullName
            visibleFields
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const AcceptReferralMutation = graphql(`
  mutation AcceptReferral($referralId: ID!, $expectedVersion: Int!) {
    acceptReferral(input: { referralId: $referralId, expectedVersion: $expectedVersion }) {
      id
      status
      version
    }
  }
`);
