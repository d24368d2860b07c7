// The Shirase console: a static page over the admin JSON API. The token is kept in this tab's sessionStorage and
// sent as an Authorization header, never in a URL. Every value from the API is written with textContent.
'use strict';

const LABELS = {
  en: {
    console: 'console', flows: 'Flows', deliveries: 'Deliveries', incidents: 'Incidents', preview: 'Preview',
    otherLanguage: '日本語', signOut: 'Sign out', signIn: 'Sign in', signInButton: 'Sign in',
    token: 'Admin token (read-only or operator)',
    tokenHint: "The token stays in this browser tab's session storage and is sent as an Authorization header; it never goes into a URL.",
    route: 'Route', kind: 'Kind', state: 'State', lastRun: 'Last run', nextRun: 'Next run', lastAccepted: 'Last accepted',
    description: 'Description', status: 'Status', any: 'any', pending: 'pending', sent: 'sent', dead: 'dead',
    flow: 'Flow', channel: 'Channel', since: 'Since (UTC)', until: 'Until (UTC)', show: 'Show',
    replayAll: 'Replay every dead one', accepted: 'Accepted', destination: 'Destination setting', attempts: 'Attempts',
    message: 'Message', lastError: 'Last error', replay: 'Replay', sample: 'Sample payload (JSON)', render: 'Render',
    started: 'running', stopped: 'not running', scheduled: 'scheduled', webhook: 'webhook',
    noDeliveries: 'No deliveries match.', noIncidents: 'No alert incidents yet.', noMessages: 'Nothing would be sent.',
    replayed: 'Delivery {id} is back in line.', replayedAll: '{n} dead deliveries are back in line.',
    confirmReplayAll: 'Put every dead delivery matching the "since" filter back in line?',
    answer: 'Answer to the sender', reason: 'Why nothing is posted', text: 'Text', payload: 'Payload',
    calls: 'Calls', timeline: 'Timeline', number: 'Number', answered: 'answered', joined: 'joined',
    acknowledgedBy: 'Acknowledged by', opened: 'opened', called: 'called', acknowledged: 'acknowledged',
    unanswered: 'unanswered', resolved: 'resolved', escalating: 'escalating', wrongToken: 'That token was refused: ',
    yes: 'yes', no: 'no', signedInAs: '{name} ({role})', 'read-only': 'read-only', operator: 'operator',
    readOnlyHint: 'This token is read-only: replaying a delivery needs an operator token.',
    failed: 'failed: nobody could be called', heartbeat: 'Heartbeat: last {lastSeen}, due by {dueBy}',
    heartbeatSilent: 'Monitoring is silent: no heartbeat since {lastSeen}', never: 'never',
  },
  ja: {
    console: 'コンソール', flows: 'フロー', deliveries: '配信', incidents: 'インシデント', preview: 'プレビュー',
    otherLanguage: 'English', signOut: 'サインアウト', signIn: 'サインイン', signInButton: 'サインイン',
    token: '管理トークン(閲覧用またはオペレーター用)',
    tokenHint: 'トークンはこのタブのセッションストレージにだけ保存され、Authorization ヘッダーで送られます。URL には入りません。',
    route: 'ルート', kind: '種類', state: '状態', lastRun: '前回の実行', nextRun: '次回の実行', lastAccepted: '最後の受付',
    description: '説明', status: 'ステータス', any: 'すべて', pending: '送信待ち', sent: '送信済み', dead: '失敗',
    flow: 'フロー', channel: 'チャネル', since: '開始 (UTC)', until: '終了 (UTC)', show: '表示',
    replayAll: '失敗した配信をすべて再送', accepted: '受付', destination: '宛先の設定', attempts: '試行回数',
    message: 'メッセージ', lastError: '最後のエラー', replay: '再送', sample: 'サンプルのペイロード (JSON)', render: '表示する',
    started: '稼働中', stopped: '停止中', scheduled: 'スケジュール', webhook: 'Webhook',
    noDeliveries: '該当する配信はありません。', noIncidents: 'アラートのインシデントはまだありません。',
    noMessages: '送信されるメッセージはありません。',
    replayed: '配信 {id} を再送の列に戻しました。', replayedAll: '失敗した配信 {n} 件を再送の列に戻しました。',
    confirmReplayAll: '「開始」以降の失敗した配信をすべて再送しますか?',
    answer: '送信元への応答', reason: '投稿しない理由', text: 'テキスト', payload: 'ペイロード',
    calls: '発信', timeline: 'タイムライン', number: '番号', answered: '応答', joined: '参加',
    acknowledgedBy: '確認した人', opened: '発生', called: '発信', acknowledged: '確認', unanswered: '応答なし',
    resolved: '解決', escalating: 'エスカレーション中', wrongToken: 'トークンが拒否されました: ',
    yes: 'はい', no: 'いいえ', signedInAs: '{name} ({role})', 'read-only': '閲覧用', operator: 'オペレーター',
    readOnlyHint: 'このトークンは閲覧用です。配信の再送にはオペレーター用のトークンが必要です。',
    failed: '発信失敗: 誰にも電話できませんでした', heartbeat: 'ハートビート: 最終 {lastSeen}、次の期限 {dueBy}',
    heartbeatSilent: '監視が停止しています: {lastSeen} 以降ハートビートがありません', never: 'なし',
  },
};

const TOKEN_KEY = 'shirase.console.token';
const LANGUAGE_KEY = 'shirase.console.language';
const PAGES = ['flows', 'deliveries', 'incidents', 'preview'];
let language = localStorage.getItem(LANGUAGE_KEY) || (navigator.language.startsWith('ja') ? 'ja' : 'en');
let flowList = [];
/** The token signed in with, {name, role}, from /admin/whoami; null until asked. */
let me = null;

const $ = (selector) => document.querySelector(selector);
const t = (key, values = {}) => (LABELS[language][key] || key).replace(/\{(\w+)\}/g, (_, name) => values[name]);

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function row(cells) {
  const tr = document.createElement('tr');
  for (const cell of cells) {
    const td = document.createElement('td');
    if (cell instanceof Node) td.append(cell); else td.textContent = cell ?? '';
    tr.append(td);
  }
  return tr;
}

const when = (iso) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '');

function applyLabels() {
  document.documentElement.lang = language;
  for (const node of document.querySelectorAll('[data-label]')) node.textContent = t(node.dataset.label);
}

function notify(text, isError) {
  const notice = $('#notice');
  notice.textContent = text;
  notice.className = isError ? 'error' : 'ok';
  notice.hidden = !text;
}

class ApiError extends Error {
  constructor(status, reason) {
    super(reason);
    this.status = status;
  }
}

async function api(method, path, body) {
  const headers = { Authorization: 'Bearer ' + sessionStorage.getItem(TOKEN_KEY) };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body, cache: 'no-store' });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    if (response.status === 401) signOut();
    throw new ApiError(response.status, answer.reason || response.status + ' ' + response.statusText);
  }
  return answer;
}

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  me = null;
  show();
}

/** Replay is offered to an operator only (the API refuses a read-only token anyway). */
const isOperator = () => me?.role === 'operator';

/** Who is signed in, in the header, and what the deliveries page offers them. */
function showWho() {
  const operator = isOperator();
  $('#who').textContent = me ? t('signedInAs', { name: me.name, role: t(me.role) }) : '';
  $('#who').hidden = !me;
  $('#replay-all').hidden = !operator;
  $('#read-only-hint').hidden = !me || operator;
}

async function loadFlows() {
  flowList = (await api('GET', '/admin/flows')).flows;
  const tbody = $('#flows');
  tbody.replaceChildren(...flowList.map((flow) => {
    const state = element('span', t(flow.status), 'state ' + flow.status);
    const cell = element('div');
    cell.append(state);
    if (flow.why) cell.append(element('div', flow.why, 'why'));
    if (flow.heartbeat) {
      const values = { lastSeen: when(flow.heartbeat.lastSeen) || t('never'), dueBy: when(flow.heartbeat.dueBy) || '-' };
      cell.append(element('div', t(flow.heartbeat.silent ? 'heartbeatSilent' : 'heartbeat', values),
        flow.heartbeat.silent ? 'why heartbeat silent' : 'heartbeat'));
    }
    return row([flow.routeId, t(flow.kind), cell, when(flow.lastRun), when(flow.nextRun), when(flow.lastAccepted),
      flow.description]);
  }));
  const flowFilter = $('#delivery-filter [name=flow]');
  const chosen = flowFilter.value;
  flowFilter.replaceChildren(optionFor('', t('any')), ...flowList.map((flow) => optionFor(flow.routeId, flow.routeId)));
  flowFilter.value = chosen;
  const previewRoute = $('#preview-route');
  const previewed = previewRoute.value;
  previewRoute.replaceChildren(...flowList.filter((flow) => flow.status === 'started')
    .map((flow) => optionFor(flow.routeId, flow.routeId)));
  if (previewed) previewRoute.value = previewed;
}

function optionFor(value, text) {
  const option = element('option', text);
  option.value = value;
  return option;
}

const utc = (local) => (local ? local + (local.length === 16 ? ':00' : '') + 'Z' : '');

function deliveryQuery() {
  const form = new FormData($('#delivery-filter'));
  const query = new URLSearchParams({ size: '100' });
  for (const name of ['status', 'flow', 'channel']) if (form.get(name)) query.set(name, form.get(name));
  for (const name of ['since', 'until']) if (form.get(name)) query.set(name, utc(form.get(name)));
  return query;
}

async function loadDeliveries() {
  const { deliveries } = await api('GET', '/admin/deliveries?' + deliveryQuery());
  const tbody = $('#deliveries');
  if (deliveries.length === 0) {
    const empty = row([t('noDeliveries')]);
    empty.firstChild.colSpan = 10;
    tbody.replaceChildren(empty);
    return;
  }
  tbody.replaceChildren(...deliveries.map((delivery) => {
    let action = '';
    if (delivery.status !== 'pending' && isOperator()) {
      action = element('button', t('replay'));
      action.type = 'button';
      action.addEventListener('click', () => replay(delivery.id));
    }
    const tr = row([delivery.id, when(delivery.createdAt), delivery.flow, delivery.channel, delivery.destinationSetting,
      element('span', t(delivery.status), 'state ' + delivery.status), delivery.attempts,
      element('div', delivery.text, 'text'), delivery.lastError, action]);
    tr.dataset.id = delivery.id;
    tr.dataset.status = delivery.status;
    return tr;
  }));
}

async function replay(id) {
  try {
    await api('POST', '/admin/deliveries/' + encodeURIComponent(id) + '/replay');
    notify(t('replayed', { id }));
    await loadDeliveries();
  } catch (e) {
    notify(e.message, true);
  }
}

async function replayAll() {
  if (!confirm(t('confirmReplayAll'))) return;
  const query = new URLSearchParams({ status: 'dead' });
  const since = new FormData($('#delivery-filter')).get('since');
  if (since) query.set('since', utc(since));
  try {
    const { replayed } = await api('POST', '/admin/deliveries/replay?' + query);
    notify(t('replayedAll', { n: replayed }));
    await loadDeliveries();
  } catch (e) {
    notify(e.message, true);
  }
}

async function loadIncidents() {
  const { incidents } = await api('GET', '/admin/incidents?size=50');
  const list = $('#incidents');
  if (incidents.length === 0) {
    list.replaceChildren(element('p', t('noIncidents')));
    return;
  }
  list.replaceChildren(...incidents.map((incident) => {
    const card = element('article', null, 'incident');
    const title = element('h3');
    title.append(element('span', incident.incident), ' ', element('span', t(incident.status), 'state ' + incident.status));
    card.append(title, element('p', incident.message, 'text'));
    if (incident.reason) card.append(element('p', incident.reason, 'why'));
    if (incident.acknowledgedBy) card.append(element('p', t('acknowledgedBy') + ': ' + incident.acknowledgedBy));
    card.append(element('h4', t('timeline')));
    const timeline = element('ol', null, 'timeline');
    for (const event of incident.timeline || []) {
      timeline.append(element('li', when(event.at) + '  ' + t(event.event) + (event.detail ? '  ' + event.detail : '')));
    }
    card.append(timeline, element('h4', t('calls')));
    const calls = element('table');
    const head = row([t('number'), t('status'), t('attempts'), t('answered'), t('joined'), t('lastError')]);
    calls.append(head);
    for (const call of incident.calls) {
      calls.append(row([call.number, call.status, call.attempts, t(call.answered ? 'yes' : 'no'),
        t(call.joined ? 'yes' : 'no'), call.error]));
    }
    card.append(calls);
    return card;
  }));
}

async function renderPreview(event) {
  event.preventDefault();
  const route = $('#preview-route').value;
  const result = $('#preview-result');
  try {
    const answer = await api('POST', '/admin/preview/' + encodeURIComponent(route), $('#preview-sample').value);
    const parts = [];
    if (answer.messages.length === 0) parts.push(element('p', t('noMessages')));
    for (const message of answer.messages) {
      const card = element('article', null, 'message');
      card.dataset.channel = message.channel;
      card.append(element('h3', message.channel + ' → ' + message.destinationSetting));
      card.append(element('h4', t('text')), element('pre', message.text, 'text'));
      card.append(element('h4', t('payload')), element('pre', pretty(message.payload), 'payload'));
      parts.push(card);
    }
    if (answer.reason) parts.push(element('p', t('reason') + ': ' + answer.reason));
    if (answer.answer) parts.push(element('p', t('answer') + ': ' + answer.answer.status + ' ' + JSON.stringify(answer.answer.body)));
    result.replaceChildren(...parts);
  } catch (e) {
    result.replaceChildren(element('p', e.message, 'error'));
  }
}

function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch (e) {
    return text; // an email or TwiML payload is not JSON
  }
}

const LOADERS = { flows: loadFlows, deliveries: loadDeliveries, incidents: loadIncidents, preview: loadFlows };

async function show() {
  const signedIn = Boolean(sessionStorage.getItem(TOKEN_KEY));
  const page = signedIn ? (PAGES.includes(location.hash.slice(1)) ? location.hash.slice(1) : 'flows') : 'sign-in';
  $('#tabs').hidden = !signedIn;
  $('#sign-out').hidden = !signedIn;
  for (const section of document.querySelectorAll('main > section')) section.hidden = section.id !== page + '-page';
  for (const link of document.querySelectorAll('#tabs a')) link.classList.toggle('current', link.hash === '#' + page);
  if (!signedIn) {
    showWho();
    return;
  }
  try {
    if (!me) me = await api('GET', '/admin/whoami');
    showWho();
    if (page !== 'flows' && flowList.length === 0) await loadFlows();
    await LOADERS[page]();
  } catch (e) {
    notify(e.message, true);
  }
}

async function signIn(event) {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, $('#token').value.trim());
  $('#token').value = '';
  try {
    await api('GET', '/admin/flows');
    notify('');
    show();
  } catch (e) {
    sessionStorage.removeItem(TOKEN_KEY);
    notify(t('wrongToken') + e.message, true);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  applyLabels();
  $('#sign-in').addEventListener('submit', signIn);
  $('#sign-out').addEventListener('click', signOut);
  $('#delivery-filter').addEventListener('submit', (event) => {
    event.preventDefault();
    loadDeliveries().catch((e) => notify(e.message, true));
  });
  $('#replay-all').addEventListener('click', replayAll);
  $('#preview-form').addEventListener('submit', renderPreview);
  $('#language').addEventListener('click', () => {
    language = language === 'ja' ? 'en' : 'ja';
    localStorage.setItem(LANGUAGE_KEY, language);
    applyLabels();
    show();
  });
  window.addEventListener('hashchange', () => {
    notify('');
    show();
  });
  show();
});
