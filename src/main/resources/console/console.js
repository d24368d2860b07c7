// The Shirase console: a static page over the admin JSON API. The token is kept in this tab's sessionStorage and
// sent as an Authorization header, never in a URL. Every value from the API is written with textContent; the
// charts are SVG elements made here. Times are shown in the team's zone (shirase.time-zone), said in the header.
'use strict';

const TOKEN_KEY = 'shirase.console.token';
const LANGUAGE_KEY = 'shirase.console.language';
const PAGES = ['flows', 'deliveries', 'incidents', 'preview'];
const OUTCOMES = ['sent', 'pending', 'retrying', 'dead'];
const SVG = 'http://www.w3.org/2000/svg';
let language = localStorage.getItem(LANGUAGE_KEY) || (navigator.language.startsWith('ja') ? 'ja' : 'en');
let zone = 'Asia/Tokyo';
let routeIds = [];
let startedRoutes = [];
/** The token signed in with, {name, role}, from /admin/whoami; null until asked. */
let me = null;

const $ = (selector) => document.querySelector(selector);
const t = (key, values = {}) => (LABELS[language][key] ?? key).replace(/\{(\w+)\}/g, (_, name) => values[name]);

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

/** A table row; each cell carries its column's name, which a narrow screen shows beside the value. */
function row(cells, labels = []) {
  const tr = document.createElement('tr');
  cells.forEach((cell, i) => {
    const td = document.createElement('td');
    if (labels[i] && cell !== '' && cell != null) td.dataset.column = labels[i];
    if (cell instanceof Node) td.append(cell); else td.textContent = cell ?? '';
    tr.append(td);
  });
  return tr;
}

// --- time, in the team's zone --------------------------------------------------------------------------------

function parts(millis) {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  return Object.fromEntries(format.formatToParts(new Date(millis)).map((p) => [p.type, p.value]));
}

/** 2026-12-07 10:10, in the team's zone. */
function when(iso) {
  if (!iso) return '';
  const p = parts(Date.parse(iso));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

const hourOf = (iso) => parts(Date.parse(iso)).hour + ':00';

/** How far the team's zone is ahead of UTC at an instant, in milliseconds. */
function offset(millis) {
  const p = parts(millis);
  return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - Math.floor(millis / 1000) * 1000;
}

/** A datetime-local value read in the team's zone, as an instant for the API. */
function instant(local) {
  if (!local) return '';
  const [date, time] = local.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  let guess = wall - offset(wall);
  guess = wall - offset(guess);
  return new Date(guess).toISOString();
}

/** 12 s, 3 min, 1 h 5 min, 2 d 3 h. */
function duration(millis) {
  const s = Math.max(0, Math.round(millis / 1000));
  const units = [['d', 86400], ['h', 3600], ['min', 60], ['s', 1]];
  const words = [];
  let rest = s;
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 && words.length < 2) words.push(n + ' ' + unit);
    else if (words.length > 0) break;
  }
  return words.length ? words.join(' ') : '0 s';
}

// --- the page ----------------------------------------------------------------------------------------------------

function applyLabels() {
  document.documentElement.lang = language;
  for (const node of document.querySelectorAll('[data-label]')) {
    node.textContent = t(node.dataset.label);
  }
  for (const node of document.querySelectorAll('.zoned')) node.textContent = t(node.dataset.label) + ' (' + zone + ')';
  $('#zone').textContent = t('zone', { zone });
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

/** Replay and incident actions are offered to an operator only (the API refuses a read-only token anyway). */
const isOperator = () => me?.role === 'operator';

function showWho() {
  const operator = isOperator();
  $('#who').textContent = me ? t('signedInAs', { name: me.name, role: t(me.role) }) : '';
  $('#who').hidden = !me;
  $('#zone').hidden = !me;
  $('#replay-all').hidden = !operator;
  $('#read-only-hint').hidden = !me || operator;
}

// --- flows ------------------------------------------------------------------------------------------------------

const flowName = (flow) => (LABELS[language]['flow.' + flow] ? t('flow.' + flow) : flow);

/** Messages per hour by outcome: 24 stacked bars, the newest on the right. */
function chart(hours) {
  const svg = document.createElementNS(SVG, 'svg');
  const height = 48;
  const width = hours.length * 10;
  svg.setAttribute('viewBox', `0 0 ${width} ${height + 12}`);
  svg.setAttribute('class', 'chart');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', t('chartTitle'));
  const most = Math.max(1, ...hours.map((h) => OUTCOMES.reduce((sum, o) => sum + h[o], 0)));
  hours.forEach((hour, i) => {
    const bar = document.createElementNS(SVG, 'g');
    bar.setAttribute('class', 'bar');
    const title = document.createElementNS(SVG, 'title');
    title.textContent = t('hourBar', { ...hour, hour: hourOf(hour.hour) });
    bar.append(title);
    let top = height;
    for (const outcome of OUTCOMES) {
      if (!hour[outcome]) continue;
      const h = Math.max(1, (hour[outcome] / most) * height);
      top -= h;
      const rect = document.createElementNS(SVG, 'rect');
      rect.setAttribute('x', i * 10 + 1);
      rect.setAttribute('y', top);
      rect.setAttribute('width', 8);
      rect.setAttribute('height', h);
      rect.setAttribute('class', outcome);
      rect.dataset.count = hour[outcome];
      bar.append(rect);
    }
    svg.append(bar);
  });
  for (const i of [0, 12, hours.length - 1]) {
    const label = document.createElementNS(SVG, 'text');
    label.setAttribute('x', Math.min(i * 10, width - 24));
    label.setAttribute('y', height + 10);
    label.textContent = hourOf(hours[i].hour);
    svg.append(label);
  }
  return svg;
}

function flowCard(flow) {
  const card = element('article', null, 'flow' + (flow.attention ? ' attention' : ''));
  card.dataset.flow = flow.flow;
  card.dataset.state = flow.state;
  const title = element('h3');
  title.append(element('span', flowName(flow.flow)), ' ', element('span', t(flow.state), 'state ' + stateClass(flow.state)));
  card.append(title, element('p', t(flow.kind), 'kind'));
  if (flow.why) card.append(element('p', flow.why, 'why'));
  if (flow.heartbeat) {
    const values = { every: flow.heartbeat.every, lastSeen: when(flow.heartbeat.lastSeen) || t('never'),
      dueBy: when(flow.heartbeat.dueBy) || '-' };
    card.append(element('p', t(flow.heartbeat.silent ? 'heartbeatSilent' : 'heartbeat', values),
      flow.heartbeat.silent ? 'why heartbeat silent' : 'heartbeat'));
  }
  const counts = element('dl', null, 'counts');
  for (const name of ['accepted', ...OUTCOMES]) {
    const item = element('div', null, 'count ' + name);
    item.dataset.count = name;
    item.append(element('dt', t(name)), element('dd', flow.counts[name]));
    counts.append(item);
  }
  card.append(element('h4', t('last24h')), counts, chart(flow.hours));
  if (flow.lastError) card.append(element('p', t('lastError') + ': ' + flow.lastError, 'error-text'));
  if (flow.schedules.length) {
    card.append(element('h4', t('schedules')));
    const list = element('ul', null, 'schedules');
    for (const schedule of flow.schedules) {
      const item = element('li');
      item.dataset.route = schedule.routeId;
      item.append(element('strong', schedule.routeId), ' ', element('span', t(schedule.state), 'state ' + stateClass(schedule.state)));
      if (schedule.why && schedule.why !== flow.why) item.append(element('div', schedule.why, 'why'));
      const runs = [];
      runs.push(schedule.lastRun ? t('lastRun') + ' ' + when(schedule.lastRun) + ' ' + t(schedule.lastResult)
        + (schedule.lastReason ? ': ' + schedule.lastReason : '') : t('noRunYet'));
      if (schedule.nextRun) runs.push(t('nextRun') + ' ' + when(schedule.nextRun));
      item.append(element('div', runs.join(' · '), 'runs'));
      if (schedule.missed) item.append(element('div', t('missedRun', { at: when(schedule.missed) }), 'why missed'));
      list.append(item);
    }
    card.append(list);
  }
  return card;
}

const stateClass = (state) => state.replace(/\s+/g, '-');

async function loadFlows() {
  const overview = await api('GET', '/admin/overview');
  zone = overview.timeZone;
  applyLabels();
  $('#flows').replaceChildren(...overview.flows.map(flowCard));
  await loadRoutes();
}

/** The route ids for the deliveries filter and the preview (GET /admin/flows lists every entry route). */
async function loadRoutes() {
  const { flows } = await api('GET', '/admin/flows');
  routeIds = flows.map((flow) => flow.routeId);
  startedRoutes = flows.filter((flow) => flow.status === 'started').map((flow) => flow.routeId);
  const flowFilter = $('#delivery-filter [name=flow]');
  const chosen = flowFilter.value;
  flowFilter.replaceChildren(optionFor('', t('any')), ...routeIds.map((id) => optionFor(id, id)));
  flowFilter.value = chosen;
  const previewRoute = $('#preview-route');
  const previewed = previewRoute.value;
  previewRoute.replaceChildren(...startedRoutes.map((id) => optionFor(id, id)));
  if (previewed) previewRoute.value = previewed;
}

function optionFor(value, text) {
  const option = element('option', text);
  option.value = value;
  return option;
}

// --- deliveries ---------------------------------------------------------------------------------------------------

function deliveryQuery() {
  const form = new FormData($('#delivery-filter'));
  const query = new URLSearchParams({ size: '100' });
  for (const name of ['status', 'flow', 'channel']) if (form.get(name)) query.set(name, form.get(name));
  for (const name of ['since', 'until']) if (form.get(name)) query.set(name, instant(form.get(name)));
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
  const labels = ['#', t('accepted'), t('flow'), t('channel'), t('destination'), t('status'), t('attempts'),
    t('message'), t('lastError'), ''];
  tbody.replaceChildren(...deliveries.map((delivery) => {
    let action = '';
    if (delivery.status !== 'pending' && isOperator()) {
      action = element('button', t(delivery.status === 'sent' ? 'sendAgain' : 'replay'));
      action.type = 'button';
      action.addEventListener('click', () => replay(delivery));
    }
    const tr = row([delivery.id, when(delivery.createdAt), delivery.flow, delivery.channel, delivery.destinationSetting,
      element('span', t(delivery.status), 'state ' + delivery.status), delivery.attempts,
      element('div', delivery.text, 'text'), delivery.lastError, action], labels);
    tr.dataset.id = delivery.id;
    tr.dataset.status = delivery.status;
    return tr;
  }));
}

/** A dead delivery goes back in line; a sent one only after the person confirms it is to go again. */
async function replay(delivery) {
  const again = delivery.status === 'sent';
  if (again && !confirm(t('confirmSendAgain', { id: delivery.id, at: when(delivery.sentAt) + ' (' + zone + ')' }))) {
    return;
  }
  try {
    await api('POST', '/admin/deliveries/' + encodeURIComponent(delivery.id) + '/replay',
      again ? JSON.stringify({ again: true }) : undefined);
    notify(t('replayed', { id: delivery.id }));
    await loadDeliveries();
  } catch (e) {
    notify(e.message, true);
  }
}

/** Every dead delivery since the filter's time: how many and of which flows is shown before anything happens. */
async function replayAll() {
  const query = new URLSearchParams({ status: 'dead' });
  const since = new FormData($('#delivery-filter')).get('since');
  if (since) query.set('since', instant(since));
  try {
    const count = await api('POST', '/admin/deliveries/replay?' + query + '&dryRun=true');
    if (count.wouldReplay === 0) {
      notify(t('nothingToReplay'));
      return;
    }
    const flows = Object.entries(count.byFlow).map(([flow, n]) => flow + ': ' + n).join(', ');
    if (!confirm(t('confirmReplayAll', { n: count.wouldReplay, flows }))) return;
    const { replayed } = await api('POST', '/admin/deliveries/replay?' + query);
    notify(t('replayedAll', { n: replayed }));
    await loadDeliveries();
  } catch (e) {
    notify(e.message, true);
  }
}

// --- incidents ------------------------------------------------------------------------------------------------------

function incidentCard(incident) {
  const card = element('article', null, 'incident');
  card.dataset.incident = incident.incident;
  card.dataset.state = incident.status;
  const title = element('h3');
  title.append(element('span', incident.incident), ' ', element('span', t(incident.status), 'state ' + incident.status));
  card.append(title, element('p', incident.message, 'text'));
  const took = Date.parse(incident.endedAt || new Date().toISOString()) - Date.parse(incident.createdAt);
  card.append(element('p', t('duration') + ': ' + (incident.endedAt ? duration(took) : t('ongoing', { duration: duration(took) })),
    'duration'));
  if (incident.reason) card.append(element('p', incident.reason, 'why'));
  if (incident.acknowledgedBy) card.append(element('p', t('acknowledgedBy') + ': ' + incident.acknowledgedBy));
  if (isOperator() && (incident.status === 'escalating' || incident.status === 'acknowledged')) {
    const actions = element('div', null, 'actions');
    if (incident.status === 'escalating') actions.append(incidentButton(incident, 'ack', 'acknowledge', 'acknowledgedNow'));
    actions.append(incidentButton(incident, 'resolve', 'resolve', 'resolvedNow'));
    card.append(actions);
  }
  card.append(element('h4', t('timeline')));
  const timeline = element('ol', null, 'timeline');
  for (const event of incident.timeline || []) {
    const item = element('li', null, 'event ' + event.event);
    item.dataset.event = event.event;
    item.append(element('time', when(event.at)), element('span', t(event.event), 'what'));
    if (event.detail) item.append(element('span', event.detail, 'detail'));
    timeline.append(item);
  }
  card.append(timeline, element('h4', t('calls')));
  const calls = element('table', null, 'stack');
  const labels = [t('number'), t('status'), t('attempts'), t('answered'), t('joined'), t('lastError')];
  const head = element('tr');
  for (const label of labels) head.append(element('th', label));
  const thead = element('thead');
  thead.append(head);
  const tbody = element('tbody');
  for (const call of incident.calls) {
    tbody.append(row([call.number, call.answeredBy ? call.status + ' (' + call.answeredBy + ')' : call.status,
      call.attempts, t(call.answered ? 'yes' : 'no'), t(call.joined ? 'yes' : 'no'), call.error], labels));
  }
  calls.append(thead, tbody);
  card.append(calls);
  return card;
}

function incidentButton(incident, action, label, done) {
  const button = element('button', t(label));
  button.type = 'button';
  button.dataset.action = action;
  button.addEventListener('click', async () => {
    try {
      await api('POST', '/alert/' + encodeURIComponent(incident.incident) + '/' + action);
      notify(t(done, { id: incident.incident }));
      await loadIncidents();
    } catch (e) {
      notify(e.message, true);
    }
  });
  return button;
}

async function loadIncidents() {
  const { incidents } = await api('GET', '/admin/incidents?size=50');
  $('#incidents').replaceChildren(...(incidents.length ? incidents.map(incidentCard) : [element('p', t('noIncidents'))]));
}

// --- preview --------------------------------------------------------------------------------------------------------

async function renderPreview(event) {
  event.preventDefault();
  const route = $('#preview-route').value;
  const result = $('#preview-result');
  try {
    const answer = await api('POST', '/admin/preview/' + encodeURIComponent(route), $('#preview-sample').value);
    const found = [];
    if (answer.messages.length === 0) found.push(element('p', t('noMessages')));
    for (const message of answer.messages) {
      const card = element('article', null, 'message');
      card.dataset.channel = message.channel;
      card.append(element('h3', message.channel + ' → ' + message.destinationSetting));
      card.append(element('h4', t('text')), element('pre', message.text, 'text'));
      card.append(element('h4', t('payload')), element('pre', pretty(message.payload), 'payload'));
      found.push(card);
    }
    if (answer.reason) found.push(element('p', t('reason') + ': ' + answer.reason));
    if (answer.answer) found.push(element('p', t('answer') + ': ' + answer.answer.status + ' ' + JSON.stringify(answer.answer.body)));
    result.replaceChildren(...found);
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

// --- navigation -------------------------------------------------------------------------------------------------------

const LOADERS = { flows: loadFlows, deliveries: loadDeliveries, incidents: loadIncidents, preview: async () => {} };

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
    if (page !== 'flows' && routeIds.length === 0) await loadRoutes();
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
    await api('GET', '/admin/whoami');
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
