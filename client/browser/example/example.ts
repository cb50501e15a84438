import { createClient, InboxDocument, LogoutDocument, NgoCommonsError, RefreshTokenDocument, ReferralDocument, SignInDocument, type SignInMutation } from '../../src';

/**
 * A small front end on the API: sign in, list the inbox, open a referral. It runs on an origin of its
 * own, so the API must list that origin in CORS_ORIGINS. The API's address comes from `?api=`, for
 * trying it against any server; the page shows that address, and only sends a password to a
 * loopback server or over HTTPS. A real front end fixes its API's address at build time instead, so
 * that no link can point its sign-in form elsewhere.
 */
const apiUrl = new URLSearchParams(location.search).get('api') ?? 'http://localhost:4000/graphql';
const apiHost = new URL(apiUrl, location.href);
const apiAcceptable = apiHost.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(apiHost.hostname);
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

type Session = SignInMutation['login'];
// Tokens live in memory only: a page reload signs out, and no other script on the origin can read them from storage.
let session: Session | null = null;

const api = createClient({ url: apiUrl, token: () => session?.accessToken ?? null });

/** Renews the tokens a minute before the access token expires (each refresh token works once). */
async function freshSession(): Promise<void> {
  if (!session || Date.parse(session.accessTokenExpiresAt) - Date.now() > 60_000) return;
  const { refreshToken } = await api.request(RefreshTokenDocument, { refreshToken: session.refreshToken });
  session = { ...session, ...refreshToken };
}

function show(error: unknown): void {
  $('error').textContent = error instanceof NgoCommonsError ? `${error.message} (${error.code})` : `The API could not be reached: ${String(error)}`;
  if (error instanceof NgoCommonsError && error.code === 'UNAUTHENTICATED') signedOut();
}

function cell(text: string | null | undefined): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text ?? '—';
  return td;
}

async function loadInbox(): Promise<void> {
  await freshSession();
  const { referralInbox } = await api.request(InboxDocument, { first: 50 });
  const rows = referralInbox.edges.map(({ node }) => {
    const tr = document.createElement('tr');
    tr.dataset.referralId = node.id;
    const open = document.createElement('button');
    open.type = 'button';
    open.textContent = 'Open';
    open.addEventListener('click', () => openReferral(node.id).catch(show));
    const action = document.createElement('td');
    action.append(open);
    tr.append(cell(node.urgency), cell(node.sender.name), cell(node.client?.fullName ?? 'not shared with you'), cell(node.status), cell(node.dueOn), action);
    return tr;
  });
  $('referrals').replaceChildren(...rows);
  $('empty').hidden = rows.length > 0;
  $('count').textContent = `${referralInbox.totalCount} referral${referralInbox.totalCount === 1 ? '' : 's'}`;
}

async function openReferral(id: string): Promise<void> {
  await freshSession();
  const { referral } = await api.request(ReferralDocument, { id });
  $('referral-title').textContent = `${referral.client?.fullName ?? 'A person'}: referral from ${referral.sender.name}`;
  const details: [string, string | null | undefined][] = [
    ['Status', referral.status],
    ['Urgency', referral.urgency],
    ['Reason', referral.reason],
    ['Due', referral.dueOn],
    ['Age band', referral.client?.ageBand],
    ['Region', referral.client?.region],
    ['You may', referral.availableActions.join(', ') || 'nothing now'],
  ];
  $('referral-details').replaceChildren(
    ...details.flatMap(([term, value]) => {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      dd.textContent = value ?? '—';
      return [dt, dd];
    }),
  );
  $('timeline').replaceChildren(
    ...referral.timeline.map((event) => {
      const li = document.createElement('li');
      li.textContent = `${new Date(event.createdAt).toLocaleString()}: ${event.kind} by ${event.actorName} (${event.actorOrganization.name})${event.note ? `: ${event.note}` : ''}`;
      return li;
    }),
  );
  $('referral').hidden = false;
}

function signedOut(): void {
  session = null;
  $('inbox').hidden = true;
  $('referral').hidden = true;
  $('sign-in').hidden = false;
}

$('api').textContent = apiUrl;
$<HTMLFormElement>('sign-in').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = new FormData(event.target as HTMLFormElement);
  $('error').textContent = '';
  if (!apiAcceptable) {
    $('error').textContent = `Not sending your password to ${apiUrl}: use an https:// address`;
    return;
  }
  api
    .request(SignInDocument, { input: { email: String(form.get('email')), password: String(form.get('password')) } })
    .then(async ({ login }) => {
      session = login;
      $('organization').textContent = `Signed in to ${login.viewer.organization.name}`;
      $('sign-in').hidden = true;
      $('inbox').hidden = false;
      await loadInbox();
    })
    .catch(show);
});
$('sign-out').addEventListener('click', () => {
  api.request(LogoutDocument).catch(() => undefined).finally(signedOut);
});
