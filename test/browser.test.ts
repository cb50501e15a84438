import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { CreateExportLinkDocument } from './generated/graphql';
import { dataOf, signUpOrganization } from './factories';
import { createProgram } from './factories/programs';
import { partner, recordConsent, registerClient, sendReferral } from './factories/referrals';
import { startTestApp, type TestApp } from './setup/test-app';

/**
 * The pages people look at, in a real browser: Debian's Chromium (`apt-get install chromium`, which
 * `.ci/run` does), driven by playwright-core. Without it these tests are skipped with a message,
 * except on CI (CI=true), where a missing browser fails the run. Every request to a host other than
 * this machine is blocked and recorded, as on an office network with no internet access.
 * Screenshots go to test-results/screenshots/ (git-ignored).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
const ROOT = join(__dirname, '..');
const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
const EXAMPLE = join(ROOT, 'dist', 'browser', 'example');

if (!available && process.env.CI !== 'true') {
  console.warn(`Browser tests skipped: no Chromium at ${CHROMIUM}. Install Debian's (apt-get install chromium) or set CHROMIUM_PATH.`);
}

describe('without a browser', () => {
  (process.env.CI === 'true' ? it : it.skip)('fails on CI, where the browser tests must run', () => {
    expect({ chromium: CHROMIUM, installed: available }).toEqual({ chromium: CHROMIUM, installed: true });
  });
});

/** The example front end's files, as any static web server would serve them. */
function serveExample(): Promise<Server> {
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = join(EXAMPLE, path === '/' ? 'index.html' : path.slice(1));
    if (!file.startsWith(EXAMPLE) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

(available ? describe : describe.skip)('in Chromium', () => {
  let app: TestApp;
  let example: Server;
  let examplePort: number;
  let browser: Browser;
  let context: BrowserContext;
  let outside: string[];

  beforeAll(async () => {
    if (!existsSync(join(EXAMPLE, 'index.html'))) throw new Error('The browser pages are not built: run `npm run build:browser` (npm test does).');
    example = await serveExample();
    examplePort = (example.address() as { port: number }).port;
    // The example page is allowed from 127.0.0.1; the same page at localhost is another origin, not listed.
    app = await startTestApp({ CORS_ORIGINS: `http://127.0.0.1:${examplePort}` });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // As root with no display; no background calls to Google's services (blocked here anyway).
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    example?.close();
  });
  beforeEach(async () => {
    outside = [];
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.route('**/*', (route) => {
      const { hostname, protocol } = new URL(route.request().url());
      if ((hostname === '127.0.0.1' || hostname === 'localhost') && protocol.startsWith('http')) return route.continue();
      outside.push(route.request().url());
      return route.abort('internetdisconnected');
    });
  });
  afterEach(async () => {
    await context.close();
  });

  /** The text Monaco shows in an editor (the lines it renders). */
  const editorText = async (page: Page, selector: string) => (await page.locator(`${selector} .view-lines`).innerText()).replace(/\u00a0/g, ' ');

  async function replaceEditorText(page: Page, selector: string, text: string): Promise<void> {
    await page.locator(`${selector} .view-lines`).click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    // Inserted as one input, not typed key by key, so that the editor's auto-closing brackets stay out of it.
    await page.keyboard.insertText(text);
  }

  it('the explorer loads with every outside request blocked, shows the schema docs, and runs a signed-in query', async () => {
    const admin = await signUpOrganization(app, { name: 'Hội Liên hiệp Phụ nữ Quận 3' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    // A person opening the API's address in a browser is sent to the explorer.
    await page.goto(app.url);
    expect(new URL(page.url()).pathname).toBe('/explorer/');
    await page.locator('.graphiql-container').waitFor();

    // The schema loaded by introspection, with its descriptions.
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    await page.getByText('Root Types').waitFor();
    await page.getByRole('link', { name: 'Query', exact: true }).click();
    await page.getByText('Referrals the acting organization received.').first().waitFor();

    await replaceEditorText(page, '.graphiql-query-editor', 'query Me { viewer { organization { name } role } }');
    await page.getByRole('button', { name: 'Headers', exact: true }).click();
    await replaceEditorText(page, '.graphiql-editor-tool .graphiql-editor:not(.hidden)', `{"Authorization": "Bearer ${admin.token}"}`);
    await page.locator('.graphiql-execute-button').click();
    await page.locator('.graphiql-response').getByText('Hội Liên hiệp Phụ nữ Quận 3').waitFor();
    expect(await editorText(page, '.graphiql-response')).toContain('"role": "ADMIN"');

    // Nothing typed (a password in Variables) or answered is left in the browser's storage.
    expect(await page.evaluate('localStorage.length + sessionStorage.length')).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'explorer.png') });
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  it('the example page on an allowed origin signs in, shows the inbox and opens a referral', async () => {
    const centre = await signUpOrganization(app, { name: 'Trung tâm Công tác xã hội Quận 3' });
    const ngo = await signUpOrganization(app, { name: 'Saigon Children Shelter' });
    await partner(app, centre, ngo);
    const person = await registerClient(app, centre, { fullName: 'Trần Văn Minh' });
    await recordConsent(app, centre, person.id, ngo.organizationId);
    const referral = await sendReferral(app, centre, { clientId: person.id, receivingOrganizationId: ngo.organizationId });

    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${examplePort}/?api=${encodeURIComponent(app.url)}`);
    await page.getByLabel('Email').fill(ngo.email);
    await page.getByLabel('Password').fill(ngo.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    const row = page.locator(`tr[data-referral-id="${referral.id}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('Trần Văn Minh');
    expect(await row.innerText()).toContain('Trung tâm Công tác xã hội Quận 3');
    expect(await page.locator('#organization').innerText()).toBe('Signed in to Saigon Children Shelter');
    expect(await page.locator('#count').innerText()).toBe('1 referral');

    await row.getByRole('button', { name: 'Open' }).click();
    await page.locator('#timeline li').first().waitFor();
    expect(await page.locator('#referral-title').innerText()).toBe('Trần Văn Minh: referral from Trung tâm Công tác xã hội Quận 3');
    expect(await page.locator('#timeline').innerText()).toContain('SENT');
    await page.screenshot({ path: join(SCREENSHOTS, 'example-inbox.png'), fullPage: true });
    expect(await page.locator('#error').innerText()).toBe('');
    expect(outside).toEqual([]);
  }, 60_000);

  it('the same page on an origin the API does not list cannot call it, and sends no password to a server over plain HTTP', async () => {
    const ngo = await signUpOrganization(app);
    const page = await context.newPage();
    const refused = page.waitForEvent('console', (message) => message.type() === 'error' && /CORS|Access-Control/i.test(message.text()));
    await page.goto(`http://localhost:${examplePort}/?api=${encodeURIComponent(app.url)}`);
    await page.getByLabel('Email').fill(ngo.email);
    await page.getByLabel('Password').fill(ngo.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.locator('#error').getByText('The API could not be reached').waitFor();
    await refused;
    expect(await page.locator('#inbox').isHidden()).toBe(true);

    // A link that points the page at another server over plain HTTP does not get the password.
    await page.goto(`http://127.0.0.1:${examplePort}/?api=${encodeURIComponent('http://api.example.org/graphql')}`);
    await page.getByLabel('Email').fill(ngo.email);
    await page.getByLabel('Password').fill(ngo.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#error').getByText('Not sending your password to http://api.example.org/graphql').waitFor();
    expect(outside).toEqual([]);
  }, 60_000);

  it("a signed link to a programme's CSV, followed in the browser, downloads the file", async () => {
    const lead = await signUpOrganization(app, { name: 'Trung tâm Công tác xã hội tỉnh Lào Cai', kind: 'GOVERNMENT_AGENCY' });
    const program = await createProgram(app, lead, { name: 'Phục hồi chức năng 2026' });
    const { createExportLink } = dataOf(
      await app.request(
        CreateExportLinkDocument,
        { input: { programId: program.id, format: 'CSV', periodType: 'QUARTER', from: '2026-01-01', to: '2026-03-31' } },
        { token: lead.token },
      ),
    );
    const link = new URL(createExportLink.url, app.url).toString();

    // A page on the front end's origin with the link, as a front end would show it: no header, no token of its own.
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${examplePort}/`);
    await page.evaluate(`document.body.insertAdjacentHTML('beforeend', '<a href=${JSON.stringify(link)}>Download results (CSV)</a>')`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByText('Download results (CSV)').click()]);

    expect(download.suggestedFilename()).toMatch(/^program-.*\.csv$/);
    const text = await readFile((await download.path())!, 'utf8');
    expect(text.split('\r\n')[0]).toBe('result_type,result,indicator_code,indicator,period_start,period_end,dimension,dimension_value,target,actual,suppressed');
    expect(outside).toEqual([]);
  }, 60_000);

  it('the explorer runs a subscription with the token from its headers, and shows the events as they happen', async () => {
    const centre = await signUpOrganization(app, { name: 'Trung tâm Bảo trợ xã hội' });
    const ngo = await signUpOrganization(app, { name: 'Jordan River Shelter' });
    await partner(app, centre, ngo);
    const person = await registerClient(app, centre, { fullName: 'Lò Văn Páo' });
    await recordConsent(app, centre, person.id, ngo.organizationId);

    const page = await context.newPage();
    await page.goto(`${new URL(app.url).origin}/explorer/`);
    await page.locator('.graphiql-container').waitFor();
    await replaceEditorText(page, '.graphiql-query-editor', 'subscription Sent { organizationEvents(types: [REFERRAL_SENT]) { type typeLabel subjectId } }');
    await page.getByRole('button', { name: 'Headers', exact: true }).click();
    await replaceEditorText(page, '.graphiql-editor-tool .graphiql-editor:not(.hidden)', `{"Authorization": "Bearer ${ngo.token}"}`);
    const open = app.subscriptions.active;
    await page.locator('.graphiql-execute-button').click();
    // The referral is sent once the server holds the explorer's subscription, so the event cannot pass before it.
    for (const deadline = Date.now() + 30_000; app.subscriptions.active === open; ) {
      if (Date.now() > deadline) throw new Error('The explorer never opened its subscription');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const referral = await sendReferral(app, centre, { clientId: person.id, receivingOrganizationId: ngo.organizationId });

    await page.locator('.graphiql-response').getByText(referral.id).waitFor();
    expect(await editorText(page, '.graphiql-response')).toContain('"type": "REFERRAL_SENT"');
    expect(outside).toEqual([]);
  }, 60_000);
});
