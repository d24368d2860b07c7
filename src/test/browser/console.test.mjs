// The console page end to end in a real browser: Debian's Chromium, headless, driven by playwright-core.
// bin/shirase (the packaged runtime) runs with an admin port of its own, a Discord stand-in and a Twilio stand-in on
// 127.0.0.1. The tests sign in; see the five flows with their true states, counts and chart after a delivered and a
// dead message; replay the dead one and send the sent one again only after confirming; follow an alert call through
// a stand-in Twilio callback (answered, joined, acknowledged) to its timeline and resolve it; preview a payload; use
// every page at a phone's 390 px without scrolling sideways; and write screenshots at 1280 and 390 px under
// target/console/. A second runtime, with the alert call set up but not Twilio, shows a flow refusing and why.
// Run by src/test/browser/run.sh (which installs what it needs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { createHmac } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const shots = join(repo, 'target', 'console');
const OPERATOR_TOKEN = 'console-test-operator-token';
const READER_TOKEN = 'console-test-reader-token';
const CLOCKIFY_SIGNATURE = 'console-test-clockify-signature';
const ALERT_TOKEN = 'console-test-alert-token';
const DISCORD_PATH = '/api/webhooks/1/console-test';
const TWILIO_SID = 'AC0123456789abcdef0123456789abcdef';

let discord, twilio, shirase, shiraseLog = '', browser, work, publicPort, adminPort;
const TWILIO_AUTH = 'console-test-twilio-auth-token';
const CALL_SID = 'CA9876543210fedcba9876543210fedcba'; // the Twilio stand-in's call (twilio-call-response.json)
let discordAnswer = 404;
let twilioRefuses = false;
const discordReceived = [];

/** A stand-in HTTP server on 127.0.0.1 that records every request and answers with handle(request, body). */
function standIn(handle) {
  return new Promise((resolve) => {
    const server = createServer((request, response) => {
      const chunks = [];
      request.on('data', (chunk) => chunks.push(chunk));
      request.on('end', () => handle(request, Buffer.concat(chunks).toString('utf8'), response));
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function until(what, check, seconds = 20) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const result = await check().catch(() => false);
    if (result) return result;
    if (Date.now() > deadline) throw new Error('timed out waiting for ' + what + '\n' + shiraseLog.slice(-4000));
    await new Promise((r) => setTimeout(r, 200));
  }
}

const at = (port, path) => `http://127.0.0.1:${port}${path}`;

/** bin/shirase in its own process with this environment, healthy, its log kept for a failure's message. */
async function startShirase(env, port, admin) {
  const process_ = spawn(join(repo, 'bin', 'shirase'), [], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  process_.stdout.on('data', (d) => { shiraseLog += d; });
  process_.stderr.on('data', (d) => { shiraseLog += d; });
  await until('Shirase to be healthy', async () => (await fetch(at(port, '/observe/health'))).status === 200, 90);
  await until('the admin port', async () => (await fetch(at(admin, '/admin/console'))).status === 200, 10);
  return process_;
}

async function stop(process_) {
  if (process_ && process_.exitCode === null) {
    const exited = new Promise((resolve) => process_.once('exit', resolve));
    process_.kill('SIGTERM');
    await exited;
  }
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'shirase-console-'));
  mkdirSync(shots, { recursive: true });
  discord = await standIn((request, body, response) => {
    discordReceived.push({ method: request.method, path: request.url, contentType: request.headers['content-type'],
      body, answered: discordAnswer });
    if (discordAnswer === 404) {
      response.writeHead(404, { 'Content-Type': 'application/json' });
      response.end('{"message": "Unknown Webhook", "code": 10015}');
    } else {
      response.writeHead(204).end();
    }
  });
  const call = readFileSync(join(repo, 'src/test/resources/twilio/twilio-call-response.json'), 'utf8');
  twilio = await standIn((request, body, response) => {
    if (twilioRefuses) {
      response.writeHead(401, { 'Content-Type': 'application/json' });
      response.end('{"code": 20003, "message": "Authenticate", "status": 401}');
      return;
    }
    response.writeHead(201, { 'Content-Type': 'application/json' });
    response.end(call);
  });
  publicPort = await freePort();
  adminPort = await freePort();
  const env = {
    ...process.env,
    PORT: String(publicPort),
    SHIRASE_ADMIN_PORT: String(adminPort),
    CAMEL_SERVER_HOST: '127.0.0.1',
    SHIRASE_STORE_URL: 'jdbc:sqlite:' + join(work, 'shirase.db'),
    SHIRASE_ADMIN_OPERATOR_TOKENS: 'ops:' + OPERATOR_TOKEN,
    SHIRASE_ADMIN_READ_ONLY_TOKENS: 'viewer:' + READER_TOKEN,
    CLOCKIFY_WEBHOOK_SIGNATURE: CLOCKIFY_SIGNATURE,
    CLOCKIFY_DISCORD_WEBHOOK_URL: at(discord.address().port, DISCORD_PATH),
    ALERT_TOKEN,
    ALERT_NUMBERS: '+819012345678',
    ALERT_HEARTBEAT_EVERY: '10m',
    ALERT_PUBLIC_BASE_URL: at(publicPort, ''),
    TWILIO_ACCOUNT_SID: TWILIO_SID,
    TWILIO_AUTH_TOKEN: TWILIO_AUTH,
    TWILIO_FROM_NUMBER: '+815012345678',
    TWILIO_API_BASE_URL: at(twilio.address().port, ''),
  };
  shirase = await startShirase(env, publicPort, adminPort);

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    // playwright gives the browser a fresh, empty user data directory of its own and removes it on close
  });
});

after(async () => {
  await browser?.close();
  await stop(shirase);
  discord?.close();
  twilio?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function newPage(width = 1280, height = 800) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'en-US' });
  const page = await context.newPage();
  page.on('pageerror', (error) => { throw error; });
  return page;
}

async function signIn(page, token, port = adminPort) {
  await page.goto(at(port, '/admin/console'));
  await page.fill('#token', token);
  await page.click('#sign-in button[type=submit]');
  await page.waitForSelector('#flows article');
}

/** A Clockify "timer started" for this id, signed; answered 202. */
async function clockify(id, name) {
  const entry = { id, description: 'Weekly report', currentlyRunning: true,
    timeInterval: { start: '2024-05-21T01:00:00Z' }, user: { name } };
  const accepted = await fetch(at(publicPort, '/clockify'), {
    method: 'POST', body: JSON.stringify(entry),
    headers: { 'Content-Type': 'application/json', 'Clockify-Signature': CLOCKIFY_SIGNATURE,
      'Clockify-Webhook-Event-Type': 'NEW_TIMER_STARTED' },
  });
  assert.equal(accepted.status, 202);
}

/** A Twilio callback to the public port, signed as Twilio signs it (X-Twilio-Signature over the URL and form). */
async function twilioCallback(path, form) {
  const url = at(publicPort, path);
  const signed = url + Object.keys(form).sort().map((key) => key + form[key]).join('');
  const signature = createHmac('sha1', TWILIO_AUTH).update(signed, 'utf8').digest('base64');
  return fetch(url, { method: 'POST', body: new URLSearchParams(form).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature } });
}

/** Nothing on the page is wider than the screen: no scrolling sideways. */
async function assertFits(page, what) {
  const { scroll, width, wider } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth,
    width: window.innerWidth, wider: [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
      .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px)`) }));
  assert.ok(scroll <= width, `${what} is ${scroll} px wide on a ${width} px screen: ${wider.join(', ')}`);
}

test('the console is served on the admin port only, with a policy that allows no other origin', async () => {
  const page = await fetch(at(adminPort, '/admin/console'));
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /^text\/html/);
  assert.match(page.headers.get('content-security-policy'), /default-src 'self'/);
  assert.match(await page.text(), /<script src="\/admin\/console\/console.js" defer><\/script>/);
  assert.equal((await fetch(at(adminPort, '/admin/console/console.js'))).status, 200);
  assert.equal((await fetch(at(adminPort, '/admin/console/labels.js'))).status, 200);
  assert.equal((await fetch(at(publicPort, '/admin/console'))).status, 404);
});

test('a wrong token is refused on the page and nothing is kept', async () => {
  const page = await newPage();
  await page.goto(at(adminPort, '/admin/console'));
  await page.fill('#token', 'not-a-token');
  await page.click('#sign-in button[type=submit]');
  await page.waitForSelector('#notice.error');
  assert.match(await page.textContent('#notice'), /wrong admin token/);
  assert.equal(await page.evaluate(() => sessionStorage.length), 0);
  assert.ok(await page.isVisible('#sign-in'));
  await page.context().close();
});

test('the flows page shows the five flows, counts and a chart after a delivered and a dead message', async () => {
  discordAnswer = 204;
  await clockify('te-console-sent', 'Taro');
  await until('the delivery at the stand-in', async () => discordReceived.length === 1);
  discordAnswer = 404;
  await clockify('te-console-dead', 'Hanako');
  await until('the 404 at the stand-in', async () => discordReceived.length === 2);

  const page = await newPage();
  await signIn(page, READER_TOKEN);
  const flows = await page.locator('#flows article').evaluateAll((cards) => cards.map((card) => card.dataset.flow));
  assert.deepEqual([...flows].sort(), ['alert-call', 'clockify-discord', 'issue-index', 'kpi-progress', 'uipath-jobs']);
  assert.equal(flows[0], 'clockify-discord', 'the flow with a dead message comes first');
  assert.match(await page.textContent('#zone'), /Times in Asia\/Tokyo/);
  await until('the dead message counted', async () => {
    await page.reload();
    await page.waitForSelector('#flows article');
    return (await page.locator('#flows article[data-flow=clockify-discord] [data-count=dead] dd').innerText()) === '1';
  });
  const card = page.locator('#flows article[data-flow=clockify-discord]');
  assert.equal(await card.getAttribute('class'), 'flow attention');
  assert.equal(await card.getAttribute('data-state'), 'running');
  const counted = async (name) => card.locator(`[data-count=${name}] dd`).innerText();
  assert.deepEqual([await counted('accepted'), await counted('sent'), await counted('retrying'), await counted('dead')],
    ['2', '1', '0', '1']);
  assert.match(await card.locator('.error-text').innerText(), /Last error: .*404/);
  const bars = card.locator('svg.chart g.bar');
  assert.equal(await bars.count(), 24);
  const now = bars.last();
  assert.equal(await now.locator('rect.sent').getAttribute('data-count'), '1');
  assert.equal(await now.locator('rect.dead').getAttribute('data-count'), '1');
  assert.match(await now.locator('title').textContent(), /^\d\d:00: 1 sent, 0 retrying, 1 dead, 0 pending$/);
  const kpi = page.locator('#flows article[data-flow=kpi-progress]');
  assert.equal(await kpi.getAttribute('data-state'), 'not configured');
  assert.match(await kpi.innerText(), /not configured\s+scheduled\s+missing setting kpi\.kintone\.base-url/);
  assert.match(await kpi.locator('li[data-route=kpi-paid-users]').innerText(), /no run yet/);
  const alert = page.locator('#flows article[data-flow=alert-call]');
  assert.match(await alert.innerText(), /Alert call running/);
  assert.match(await alert.innerText(), /Heartbeat every 10 min: last (never|\d{4}-\d\d-\d\d \d\d:\d\d), due by/);
  await page.screenshot({ path: join(shots, 'flows.png'), fullPage: true });
  await page.context().close();
});

test('an alert call set up without Twilio is refusing, and the flows page says why', async () => {
  const port = await freePort();
  const admin = await freePort();
  const other = mkdtempSync(join(tmpdir(), 'shirase-console-refusing-'));
  const refusing = await startShirase({ ...process.env, PORT: String(port), SHIRASE_ADMIN_PORT: String(admin),
    CAMEL_SERVER_HOST: '127.0.0.1', SHIRASE_STORE_URL: 'jdbc:sqlite:' + join(other, 'shirase.db'),
    SHIRASE_ADMIN_READ_ONLY_TOKENS: 'viewer:' + READER_TOKEN, ALERT_TOKEN }, port, admin);
  try {
    const answer = await fetch(at(port, '/alert?message=test'), { method: 'POST',
      headers: { Authorization: 'Bearer ' + ALERT_TOKEN } });
    assert.equal(answer.status, 503);
    const page = await newPage();
    await signIn(page, READER_TOKEN, admin);
    const alert = page.locator('#flows article[data-flow=alert-call]');
    assert.equal(await alert.getAttribute('data-state'), 'refusing');
    assert.match(await alert.innerText(), /Alert call refusing\s+webhook and scheduled|Alert call refusing\s+webhook/);
    assert.match(await alert.locator('.why').first().innerText(), /^twilio\.account-sid is not set$/);
    await page.screenshot({ path: join(shots, 'flows-refusing.png'), fullPage: true });
    await page.context().close();
  } finally {
    await stop(refusing);
    rmSync(other, { recursive: true, force: true });
  }
});

test('a dead delivery is replayed from the page once fixed, and a sent one goes again only when confirmed', async () => {
  const page = await newPage();
  await signIn(page, OPERATOR_TOKEN);
  assert.ok(!page.url().includes(OPERATOR_TOKEN), 'the token is not in the URL');
  await page.waitForSelector('#who:not([hidden])');
  assert.equal(await page.textContent('#who'), 'ops (operator)');
  await page.click('#tabs a[href="#deliveries"]');
  await page.selectOption('#delivery-filter [name=status]', 'dead');
  await page.selectOption('#delivery-filter [name=flow]', 'clockify-discord');
  await page.selectOption('#delivery-filter [name=channel]', 'discord');
  const deadRow = page.locator('#deliveries tr[data-status=dead]').first();
  await until('the dead delivery on the page', async () => {
    await page.click('#delivery-filter button[type=submit]');
    return (await deadRow.count()) === 1;
  });
  const dead = await deadRow.innerText();
  assert.match(dead, /Hanako が Weekly report を開始しました/);
  assert.match(dead, /clockify\.discord-webhook-url/);
  assert.match(dead, /404/);
  assert.match(dead, /\d{4}-\d\d-\d\d \d\d:\d\d/);
  assert.ok(!dead.includes(DISCORD_PATH), 'the webhook URL is not shown');
  assert.match(await page.textContent('#delivery-filter'), /Since \(Asia\/Tokyo\)/);
  await page.screenshot({ path: join(shots, 'deliveries-dead.png'), fullPage: true });

  discordAnswer = 204; // the stand-in is fixed
  await deadRow.locator('button').click();
  await page.waitForSelector('#notice.ok');
  assert.match(await page.textContent('#notice'), /is back in line, with a fresh retry window/);
  await until('the replayed delivery at the stand-in', async () => discordReceived.length === 3);

  // the first, sent message: the page asks first; dismissed, nothing goes
  await page.selectOption('#delivery-filter [name=status]', 'sent');
  const sentRow = page.locator('#deliveries tr[data-status=sent]', { hasText: 'Taro' });
  await until('the sent delivery on the page', async () => {
    await page.click('#delivery-filter button[type=submit]');
    return (await sentRow.count()) === 1;
  });
  const id = await sentRow.getAttribute('data-id');
  let asked = '';
  page.once('dialog', (dialog) => { asked = dialog.message(); dialog.dismiss(); });
  await sentRow.locator('button').click();
  await until('the confirmation', async () => asked !== '');
  assert.match(asked, new RegExp(`^Delivery ${id} was delivered at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\(Asia/Tokyo\\)\\. Send it again\\?$`));
  const refused = await fetch(at(adminPort, `/admin/deliveries/${id}/replay`), { method: 'POST',
    headers: { Authorization: 'Bearer ' + OPERATOR_TOKEN } });
  assert.equal(refused.status, 409);
  assert.match((await refused.json()).reason, /was delivered at .*; to send it again, replay it with \{"again":true\}/);
  assert.equal(discordReceived.length, 3, 'nothing was sent again');
  page.once('dialog', (dialog) => dialog.accept());
  await sentRow.locator('button').click();
  await until('the message sent again', async () => discordReceived.length === 4);

  for (const request of discordReceived) {
    assert.equal(request.method, 'POST');
    assert.equal(request.path, DISCORD_PATH);
    assert.match(request.contentType, /^application\/json/);
  }
  assert.deepEqual(discordReceived.map((r) => r.answered), [204, 404, 204, 204]);
  assert.equal(discordReceived[2].body,
    '{"content":"Hanako が Weekly report を開始しました.","allowed_mentions":{"parse":[]}}');
  assert.equal(discordReceived[3].body, discordReceived[0].body);
  const audit = await (await fetch(at(adminPort, '/admin/audit'),
    { headers: { Authorization: 'Bearer ' + OPERATOR_TOKEN } })).json();
  assert.deepEqual(audit.audit.slice(0, 2).map((entry) => entry.action), ['replay', 'replay']);
  await page.context().close();
});

test('a read-only token lists deliveries and is offered no replay, and the page says why', async () => {
  const page = await newPage();
  await signIn(page, READER_TOKEN);
  await page.waitForSelector('#who:not([hidden])');
  assert.equal(await page.textContent('#who'), 'viewer (read-only)');
  await page.click('#tabs a[href="#deliveries"]');
  await page.waitForSelector('#deliveries tr[data-status]');
  assert.equal(await page.locator('#deliveries tr[data-status] button').count(), 0, 'no replay button');
  assert.ok(await page.locator('#replay-all').isHidden(), 'no replay-all button');
  assert.match(await page.textContent('#read-only-hint'), /read-only: replaying a delivery or acting on an incident needs an operator token/);
  await page.screenshot({ path: join(shots, 'deliveries-read-only.png'), fullPage: true });
  await page.context().close();
});

test('an alert call answered and joined through Twilio is on the incident timeline, and an operator resolves it',
  async () => {
    const alert = await fetch(at(publicPort, '/alert?message=' + encodeURIComponent('DB の応答がありません')), {
      method: 'POST', headers: { Authorization: 'Bearer ' + ALERT_TOKEN },
    });
    const answered = await alert.text();
    assert.equal(alert.status, 202, answered);
    const incident = JSON.parse(answered).incident;
    const path = '/alert/join?incident=' + incident;
    assert.equal((await twilioCallback(path, { CallSid: CALL_SID, AnsweredBy: 'human' })).status, 200);
    const joined = await twilioCallback(path, { CallSid: CALL_SID, Digits: '1' });
    assert.equal(joined.status, 200);
    assert.match(await joined.text(), /<Conference/);

    const page = await newPage();
    await signIn(page, OPERATOR_TOKEN);
    await page.click('#tabs a[href="#incidents"]');
    const card = page.locator(`#incidents article[data-incident="${incident}"]`);
    await card.waitFor();
    assert.equal(await card.getAttribute('data-state'), 'acknowledged');
    const events = await card.locator('.timeline li').evaluateAll((items) => items.map((item) => item.dataset.event));
    assert.deepEqual(events, ['opened', 'called', 'joined', 'acknowledged']);
    const text = await card.innerText();
    assert.match(text, /DB の応答がありません/);
    assert.match(text, /Acknowledged by: \+819012345678/);
    assert.match(text, /Duration: \d+ s so far|Duration: \d+ min.* so far/);
    assert.match(await card.locator('.timeline li[data-event=joined]').innerText(),
      /^\d{4}-\d\d-\d\d \d\d:\d\d\s+joined\s+\+819012345678$/);
    await page.screenshot({ path: join(shots, 'incidents.png'), fullPage: true });

    assert.equal(await card.locator('button[data-action=ack]').count(), 0, 'acknowledged already');
    await card.locator('button[data-action=resolve]').click();
    await page.waitForSelector('#notice.ok');
    await until('the incident resolved', async () => (await card.getAttribute('data-state')) === 'resolved');
    assert.match(await card.locator('.timeline li').last().innerText(), /resolved/);
    assert.match(await card.innerText(), /Duration: \d+ (s|min)/);
    await page.context().close();
  });

test('an alert nobody could be called for is shown failed with why', async () => {
  twilioRefuses = true;
  const alert = await fetch(at(publicPort, '/alert?message=' + encodeURIComponent('バッチ停止')), {
    method: 'POST', headers: { Authorization: 'Bearer ' + ALERT_TOKEN },
  });
  twilioRefuses = false;
  assert.equal(alert.status, 502, await alert.text());
  const beat = await fetch(at(publicPort, '/alert/heartbeat'), {
    method: 'POST', headers: { Authorization: 'Bearer ' + ALERT_TOKEN },
  });
  assert.equal(beat.status, 200, await beat.text());
  const page = await newPage();
  await signIn(page, READER_TOKEN);
  assert.match(await page.locator('#flows article[data-flow=alert-call]').innerText(),
    /Heartbeat every 10 min: last \d{4}-\d\d-\d\d \d\d:\d\d, due by \d{4}-/);
  await page.click('#tabs a[href="#incidents"]');
  const incident = page.locator('#incidents article', { hasText: 'バッチ停止' }).first();
  await incident.waitFor();
  assert.equal(await incident.getAttribute('data-state'), 'failed');
  assert.match(await incident.innerText(), /Twilio error 20003: Authenticate/);
  assert.equal(await incident.locator('button').count(), 0, 'a read-only token acts on nothing');
  await page.screenshot({ path: join(shots, 'incident-failed.png'), fullPage: true });
  await page.context().close();
});

test('a pasted Clockify payload previews the Discord message and sends nothing', async () => {
  const sentBefore = discordReceived.length;
  const page = await newPage();
  await signIn(page, READER_TOKEN);
  await page.click('#tabs a[href="#preview"]');
  await page.selectOption('#preview-route', 'clockify-discord');
  await page.fill('#preview-sample', JSON.stringify({ id: 'te-preview-1', description: 'Design review',
    currentlyRunning: true, timeInterval: { start: '2024-05-21T01:00:00Z' }, user: { name: 'Taro' } }, null, 2));
  await page.click('#preview-form button[type=submit]');
  const message = page.locator('#preview-result article[data-channel=discord]');
  await message.waitFor();
  assert.equal(await message.locator('pre.text').innerText(), 'Taro が Design review を開始しました.');
  assert.match(await message.locator('pre.payload').innerText(), /"content": "Taro が Design review を開始しました."/);
  assert.match(await page.textContent('#preview-result'), /202/);
  await page.screenshot({ path: join(shots, 'preview.png'), fullPage: true });

  await page.fill('#preview-sample', '{"id": ');
  await page.click('#preview-form button[type=submit]');
  await page.waitForSelector('#preview-result p.error');
  assert.equal(discordReceived.length, sentBefore, 'a preview sends nothing');
  await page.context().close();
});

test('every page fits a phone: nothing scrolls sideways at 390 px', async () => {
  const page = await newPage(390, 844);
  await signIn(page, OPERATOR_TOKEN);
  await assertFits(page, 'the flows page');
  await page.screenshot({ path: join(shots, 'flows-phone.png'), fullPage: true });
  await page.click('#tabs a[href="#deliveries"]');
  await page.waitForSelector('#deliveries tr[data-status]');
  await assertFits(page, 'the deliveries page');
  const cell = page.locator('#deliveries tr[data-status] td[data-column="Flow"]').first();
  assert.equal(await cell.evaluate((td) => getComputedStyle(td).display), 'block', 'rows are stacked');
  await page.screenshot({ path: join(shots, 'deliveries-phone.png'), fullPage: true });
  await page.click('#tabs a[href="#incidents"]');
  await page.waitForSelector('#incidents article');
  await assertFits(page, 'the incidents page');
  await page.screenshot({ path: join(shots, 'incidents-phone.png'), fullPage: true });
  await page.click('#tabs a[href="#preview"]');
  await page.waitForSelector('#preview-form');
  await assertFits(page, 'the preview page');
  await page.context().close();
  const signInPage = await newPage(390, 844);
  await signInPage.goto(at(adminPort, '/admin/console'));
  await assertFits(signInPage, 'the sign-in page');
  await signInPage.context().close();
});

test('the labels switch to Japanese and stay so', async () => {
  const page = await newPage();
  await signIn(page, READER_TOKEN);
  await page.click('#language');
  assert.equal(await page.textContent('#tabs a[href="#deliveries"]'), '配信');
  await until('the cards in Japanese', async () =>
    /稼働中/.test(await page.locator('#flows article[data-flow=clockify-discord]').innerText()));
  assert.match(await page.textContent('#zone'), /時刻は Asia\/Tokyo/);
  await page.reload();
  await page.waitForSelector('#flows article');
  assert.equal(await page.textContent('#tabs a[href="#flows"]'), 'フロー');
  await page.waitForSelector('#who:not([hidden])');
  assert.equal(await page.textContent('#who'), 'viewer (閲覧用)');
  await page.screenshot({ path: join(shots, 'flows-ja.png'), fullPage: true });
  writeFileSync(join(shots, 'README.txt'), 'Screenshots of the console, written by src/test/browser/console.test.mjs\n');
  await page.context().close();
});
