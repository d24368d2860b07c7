// The console page end to end in a real browser: Debian's Chromium, headless, driven by playwright-core.
// bin/shirase (the packaged runtime) runs with an admin port of its own, a Discord stand-in and a Twilio stand-in on
// 127.0.0.1; the test signs in, sees a delivery the stand-in refused with 404 go dead, fixes the stand-in, replays it
// from the page and sees it sent; previews a Clockify payload; and writes a screenshot of each page under
// target/console/. Run by src/test/browser/run.sh (which installs what it needs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
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
    TWILIO_AUTH_TOKEN: 'console-test-twilio-auth-token',
    TWILIO_FROM_NUMBER: '+815012345678',
    TWILIO_API_BASE_URL: at(twilio.address().port, ''),
  };
  shirase = spawn(join(repo, 'bin', 'shirase'), [], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  shirase.stdout.on('data', (d) => { shiraseLog += d; });
  shirase.stderr.on('data', (d) => { shiraseLog += d; });
  await until('Shirase to be healthy', async () => (await fetch(at(publicPort, '/observe/health'))).status === 200, 90);
  await until('the admin port', async () => (await fetch(at(adminPort, '/admin/console'))).status === 200, 10);

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    // playwright gives the browser a fresh, empty user data directory of its own and removes it on close
  });
});

after(async () => {
  await browser?.close();
  if (shirase && shirase.exitCode === null) {
    const exited = new Promise((resolve) => shirase.once('exit', resolve));
    shirase.kill('SIGTERM');
    await exited;
  }
  discord?.close();
  twilio?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const page = await context.newPage();
  page.on('pageerror', (error) => { throw error; });
  return page;
}

async function signIn(page, token) {
  await page.goto(at(adminPort, '/admin/console'));
  await page.fill('#token', token);
  await page.click('#sign-in button[type=submit]');
  await page.waitForSelector('#flows tr');
}

test('the console is served on the admin port only, with a policy that allows no other origin', async () => {
  const page = await fetch(at(adminPort, '/admin/console'));
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /^text\/html/);
  assert.match(page.headers.get('content-security-policy'), /default-src 'self'/);
  assert.match(await page.text(), /<script src="\/admin\/console\/console.js" defer><\/script>/);
  assert.equal((await fetch(at(adminPort, '/admin/console/console.js'))).status, 200);
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

test('a delivery the stand-in refused with 404 is dead, is replayed from the page once fixed, and is sent', async () => {
  const entry = { id: 'te-console-1', description: 'Weekly report', currentlyRunning: true,
    timeInterval: { start: '2024-05-21T01:00:00Z' }, user: { name: 'Hanako' } };
  const accepted = await fetch(at(publicPort, '/clockify'), {
    method: 'POST', body: JSON.stringify(entry),
    headers: { 'Content-Type': 'application/json', 'Clockify-Signature': CLOCKIFY_SIGNATURE,
      'Clockify-Webhook-Event-Type': 'NEW_TIMER_STARTED' },
  });
  assert.equal(accepted.status, 202);
  await until('the 404 at the stand-in', async () => discordReceived.length === 1);

  const page = await newPage();
  await signIn(page, OPERATOR_TOKEN);
  assert.ok(!page.url().includes(OPERATOR_TOKEN), 'the token is not in the URL');
  await page.waitForSelector('#who:not([hidden])');
  assert.equal(await page.textContent('#who'), 'ops (operator)');
  const row = page.locator('#deliveries tr[data-status]').first();
  await page.click('#tabs a[href="#deliveries"]');
  await page.selectOption('#delivery-filter [name=status]', 'dead');
  await page.selectOption('#delivery-filter [name=flow]', 'clockify-discord');
  await page.selectOption('#delivery-filter [name=channel]', 'discord');
  await until('the dead delivery on the page', async () => {
    await page.click('#delivery-filter button[type=submit]');
    return (await row.getAttribute('data-status', { timeout: 1000 })) === 'dead';
  });
  const deadRow = await row.innerText();
  assert.match(deadRow, /Hanako が Weekly report を開始しました/);
  assert.match(deadRow, /clockify\.discord-webhook-url/);
  assert.match(deadRow, /404/);
  assert.ok(!deadRow.includes(DISCORD_PATH), 'the webhook URL is not shown');
  await page.screenshot({ path: join(shots, 'deliveries-dead.png'), fullPage: true });

  discordAnswer = 204; // the stand-in is fixed
  await row.locator('button').click();
  await page.waitForSelector('#notice.ok');
  assert.match(await page.textContent('#notice'), /is back in line/);
  await page.selectOption('#delivery-filter [name=status]', '');
  await until('the delivery sent', async () => {
    await page.click('#delivery-filter button[type=submit]');
    return (await row.getAttribute('data-status', { timeout: 1000 })) === 'sent';
  });
  await page.screenshot({ path: join(shots, 'deliveries.png'), fullPage: true });

  assert.equal(discordReceived.length, 2);
  for (const request of discordReceived) {
    assert.equal(request.method, 'POST');
    assert.equal(request.path, DISCORD_PATH);
    assert.match(request.contentType, /^application\/json/);
    assert.equal(request.body,
      '{"content":"Hanako が Weekly report を開始しました.","allowed_mentions":{"parse":[]}}');
  }
  assert.deepEqual(discordReceived.map((r) => r.answered), [404, 204]);

  // the page survives a reload with the token in the tab's session, and the replay is in the audit trail
  await page.reload();
  await page.waitForSelector('#deliveries tr[data-status]');
  const audit = await (await fetch(at(adminPort, '/admin/audit'),
    { headers: { Authorization: 'Bearer ' + OPERATOR_TOKEN } })).json();
  assert.equal(audit.audit[0].action, 'replay');
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
  assert.match(await page.textContent('#read-only-hint'), /read-only: replaying a delivery needs an operator token/);
  assert.ok(await page.locator('#read-only-hint').isVisible());
  await page.screenshot({ path: join(shots, 'deliveries-read-only.png'), fullPage: true });
  assert.equal(discordReceived.length, 2, 'nothing more was sent');
  await page.context().close();
});

test('the flows page shows each flow running or why not, and a schedule is not running without its settings',
  async () => {
    const page = await newPage();
    await signIn(page, READER_TOKEN);
    const clockify = await page.locator('#flows tr', { hasText: 'clockify-discord' }).innerText();
    assert.match(clockify, /webhook\s+running/);
    const kpi = await page.locator('#flows tr', { hasText: 'kpi-paid-users' }).innerText();
    assert.match(kpi, /scheduled\s+not running\s+missing setting kpi\.kintone\.base-url \(env KPI_KINTONE_BASE_URL\)/);
    await page.screenshot({ path: join(shots, 'flows.png'), fullPage: true });
    await page.context().close();
  });

test('the incidents page shows an alert call with its timeline', async () => {
  const alert = await fetch(at(publicPort, '/alert?message=' + encodeURIComponent('DB の応答がありません')), {
    method: 'POST', headers: { Authorization: 'Bearer ' + ALERT_TOKEN },
  });
  assert.equal(alert.status, 202, await alert.text());
  const page = await newPage();
  await signIn(page, READER_TOKEN);
  await page.click('#tabs a[href="#incidents"]');
  const incident = page.locator('#incidents article').first();
  await incident.waitFor();
  const text = await incident.innerText();
  assert.match(text, /DB の応答がありません/);
  assert.match(text, /opened/);
  assert.match(text, /called\s+\+819012345678/);
  assert.match(text, /\+819012345678\s+queued/);
  await page.screenshot({ path: join(shots, 'incidents.png'), fullPage: true });
  await page.context().close();
});

test('an alert nobody could be called for is shown failed with why, and the flows page shows the heartbeat', async () => {
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
  const flow = await page.locator('#flows tr').filter({ has: page.locator('td', { hasText: /^alert$/ }) }).innerText();
  assert.match(flow, /Heartbeat: last \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ, due by \d{4}-/);
  await page.click('#tabs a[href="#incidents"]');
  const incident = page.locator('#incidents article', { hasText: 'バッチ停止' }).first();
  await incident.waitFor();
  const text = await incident.innerText();
  assert.match(text, /failed: nobody could be called/);
  assert.match(text, /nobody could be called: Twilio error 20003: Authenticate|Twilio error 20003: Authenticate/);
  await page.screenshot({ path: join(shots, 'incident-failed.png'), fullPage: true });
  await page.context().close();
});

test('a pasted Clockify payload previews the Discord message and sends nothing', async () => {
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
  assert.equal(discordReceived.length, 2, 'a preview sends nothing');
  await page.context().close();
});

test('the labels switch to Japanese and stay so', async () => {
  const page = await newPage();
  await signIn(page, READER_TOKEN);
  await page.click('#language');
  assert.equal(await page.textContent('#tabs a[href="#deliveries"]'), '配信');
  assert.match(await page.locator('#flows tr', { hasText: 'clockify-discord' }).innerText(), /稼働中/);
  await page.reload();
  await page.waitForSelector('#flows tr');
  assert.equal(await page.textContent('#tabs a[href="#flows"]'), 'フロー');
  await page.waitForSelector('#who:not([hidden])');
  assert.equal(await page.textContent('#who'), 'viewer (閲覧用)');
  await page.screenshot({ path: join(shots, 'flows-ja.png'), fullPage: true });
  writeFileSync(join(shots, 'README.txt'), 'Screenshots of the console, written by src/test/browser/console.test.mjs\n');
  await page.context().close();
});
