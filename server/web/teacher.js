// teacher.js — the projector page: the join code and QR, the lobby, the controls of rounds, and
// while they run every pair's progress, the outcome space (frontier, solutions, reservation
// lines, every deal, the agents' own result), the distribution of joint utility and the
// leaderboard. The secret comes in the URL's fragment (never sent to the server in a URL); every
// number comes from the server.
'use strict';

// The secret arrives in the URL's fragment; it leaves the address bar at once (a projector shows
// the address bar to the whole room) and stays in this tab's session storage for reloads.
const TOKEN_KEY = 'treatysim-teacher';
let token = location.hash.slice(1);
if (token) {
  sessionStorage.setItem(TOKEN_KEY, token);
  history.replaceState(null, '', location.pathname + location.search);
} else {
  token = sessionStorage.getItem(TOKEN_KEY) || '';
}
let state = null;
let analysis = null;
let hideNames = localStorage.getItem('treatysim-hide-names') === '1';
let chosenTab = null;  // the tab the teacher picked; null: follow the class

const $ = (id) => document.getElementById(id);

function showTab(name) {
  for (const tab of document.querySelectorAll('.tabs button')) {
    const on = tab.dataset.tab === name;
    tab.setAttribute('aria-selected', on ? 'true' : 'false');
    $('panel-' + tab.dataset.tab).hidden = !on;
  }
}

for (const tab of document.querySelectorAll('.tabs button')) {
  tab.addEventListener('click', () => { chosenTab = tab.dataset.tab; showTab(chosenTab); });
}

// A student's name as the projector shows it (hidden as ••• when the teacher hides names).
function name(n) {
  return hideNames ? '•••' : n;
}

function nameOf(n) {
  return nameNode(name(n));
}

function side(s) {
  return s.student !== undefined ? nameOf(s.student) : el('span', {class: 'agent'}, 'agent');
}

async function download(path, filename, type) {
  const response = await fetch(path, {headers: {Authorization: 'Bearer ' + token}, cache: 'no-store'});
  if (!response.ok) { $('control-error').textContent = 'Download failed (' + response.status + ')'; return; }
  const blob = new Blob([await response.text()], {type});
  const link = el('a', {href: URL.createObjectURL(blob), download: filename});
  document.body.append(link);
  link.click();
  link.remove();
}

async function control(path, body) {
  $('control-error').textContent = '';
  const answer = await api('POST', path, token, body);
  if (answer.status !== 200) $('control-error').textContent = answer.body.error || 'refused';
  else chosenTab = null;
  await refresh();
}

$('round-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const body = {pairing: document.querySelector('input[name=pairing]:checked').value, swap: $('swap').checked};
  const deadline = $('deadline').value.trim();
  if (deadline) body.deadline = Number(deadline);
  const against = $('against').value.trim();
  if (against) body.against = against;
  control('/api/teacher/round', body);
});
$('end-round').addEventListener('click', () => control('/api/teacher/end'));
$('reveal').addEventListener('click', () => control('/api/teacher/reveal'));
$('join-overlay').addEventListener('click', () => { $('join-overlay').hidden = true; });
$('join-code').addEventListener('click', () => { $('join-overlay').hidden = false; });
$('hide-names').addEventListener('click', () => {
  hideNames = !hideNames;
  localStorage.setItem('treatysim-hide-names', hideNames ? '1' : '0');
  render();
});
$('download-csv').addEventListener('click', () => download('/api/teacher/export.csv', `class-${state.scenario.id}.csv`, 'text/csv'));
$('download-results').addEventListener('click', () => download('/api/teacher/results', `class-${state.scenario.id}-results.json`, 'application/json'));

const refresh = coalesce(async () => {
  if (!analysis) {
    const answer = await api('GET', '/api/teacher/analysis', token);
    if (answer.status === 401) { unauthorized(); return; }
    if (answer.status !== 200) return;
    analysis = answer.body;
  }
  const answer = await api('GET', '/api/teacher/state', token);
  if (answer.status === 401) { unauthorized(); return; }
  if (answer.status !== 200) return;
  state = answer.body;
  render();
});

function unauthorized() {
  sessionStorage.removeItem(TOKEN_KEY);
  document.body.replaceChildren(el('main', {class: 'card center'},
    el('h1', {}, 'This page needs the teacher link'),
    el('p', {}, 'Open the teacher URL that `treatysim class` printed (it ends with #secret).')));
}

// [SECTION] Rendering

function render() {
  const round = state.round;
  $('join-url').textContent = state.student_url.replace(/^https?:\/\//, '').replace(/\/\?code=.*$/, '');
  $('join-code').textContent = state.code;
  $('overlay-url').textContent = state.student_url.replace(/^https?:\/\//, '').replace(/\?code=.*$/, '');
  $('overlay-code').textContent = state.code;
  $('hide-names').textContent = hideNames ? 'Show names' : 'Hide names';
  $('hide-names').setAttribute('aria-pressed', hideNames ? 'true' : 'false');
  if (!$('deadline').value) $('deadline').placeholder = String(state.default_deadline);
  if (!$('agent-choices').children.length) {
    $('agent-choices').replaceChildren(...state.agents.map((a) => el('option', {value: a.name}, a.description)));
  }
  if (!round) $('round-title').textContent = 'Lobby · ' + state.students.length + ' joined';
  else {
    const finished = round.negotiations.filter((n) => n.end !== 'running').length;
    $('round-title').textContent = `Round ${round.id} · ${round.pairing} · ${finished}/${round.negotiations.length}` +
      (round.revealed ? ' · revealed' : (round.running ? ' done' : ' · ended'));
  }
  renderPlot();
  renderClass();
  renderPairs();
  renderResults();
  let tab = chosenTab;
  if (!tab) tab = !round ? 'class' : (round.running ? 'pairs' : 'results');
  showTab(tab);
  $('start-round').disabled = !!(round && round.running);
  $('end-round').disabled = !round || round.ended || !round.running;
  $('reveal').disabled = !round || round.running || round.revealed;
}

function renderPlot() {
  const round = state.round;
  const points = [];
  for (const deal of state.deals) {
    const current = round && deal.round === round.id;
    const who = [deal.a === null ? 'agent' : name(deal.a), deal.b === null ? 'agent' : name(deal.b)].join(' – ');
    points.push({u: deal.utilities, kind: current ? 'current' : 'earlier', label: `round ${deal.round}: ${who}`});
  }
  // Current deals on top.
  points.sort((a, b) => (a.kind === 'current') - (b.kind === 'current'));
  const ref = state.reference;
  points.push({u: ref.utilities, kind: 'reference', label: 'agents against agents: ' + ref.end});
  $('plot').replaceChildren(outcomePlot(analysis, {width: 700, height: 640, left: 84, bottom: 70, points, cloudRadius: 3.5}));
  const current = round ? state.deals.filter((d) => d.round === round.id).length : 0;
  $('legend').replaceChildren(
    el('span', {class: 'key current'}, '● deals' + (round ? ` (${current})` : '')), ' ',
    el('span', {class: 'key earlier'}, '● earlier'), ' ',
    el('span', {class: 'key frontier'}, '— frontier'), ' ',
    el('span', {class: 'key solution'}, '◆ N KS E U'), ' ',
    el('span', {class: 'key reference'}, '■ agents'), ' ',
    el('span', {class: 'key reservation'},
      analysis.parties.some((p) => p.reservation_drawn) ? '┆ no deal (mean of the drawn values)' : '┆ no deal'));
}

function renderClass() {
  const names = state.students.map((s) => el('li', {class: 'student ' + s.phase}, nameOf(s.name)));
  $('panel-class').replaceChildren(
    el('div', {class: 'join-box'},
      el('img', {src: '/api/qr.svg', alt: 'QR code of the student page (click to enlarge)', class: 'qr',
        title: 'click to show it over the whole screen', onclick: () => { $('join-overlay').hidden = false; }}),
      el('div', {},
        el('p', {class: 'code-big'}, state.code),
        el('p', {}, state.students.length + (state.students.length === 1 ? ' student' : ' students')))),
    el('ul', {class: 'names'}, names));
}

function renderPairs() {
  const round = state.round;
  if (!round) { $('panel-pairs').replaceChildren(el('p', {class: 'muted'}, 'No round yet: start one under Controls.')); return; }
  const rows = round.negotiations.map((n) => {
    const fraction = Math.min(1, n.offers / n.deadline);
    let status;
    if (n.end === 'running') status = [n.offers + '/' + n.deadline + ' · ', side(n.turn === n.a.party ? n.a : n.b)];
    else if (n.end === 'agreement') status = [fixed2(n.utilities[0]) + ' / ' + fixed2(n.utilities[1])];
    else status = [n.end.replace('_', ' ')];
    // Drawn reservation values: each pair has its own, which is what a pair without a deal got.
    if (n.end !== 'running' && n.end !== 'agreement' && state.scenario.drawn_reservations) {
      status.push(' ' + fixed2(n.reservations[0]) + ' / ' + fixed2(n.reservations[1]));
    }
    const bar = el('span', {class: 'progress'}, el('span', {class: 'fill', style: null}));
    bar.firstChild.style.width = (fraction * 100).toFixed(0) + '%';
    return el('li', {class: 'pair ' + n.end},
      el('span', {class: 'names-pair'}, side(n.a), ' – ', side(n.b)),
      bar,
      el('span', {class: 'pair-status'}, ...status));
  });
  $('panel-pairs').replaceChildren(
    el('p', {class: 'muted'}, `${analysis.parties[0].name} – ${analysis.parties[1].name}; turn or result`),
    el('ul', {class: 'pairs'}, rows));
}

function histogram() {
  const h = state.histogram;
  const bins = h.bins;
  let first = bins.findIndex((b) => b.count > 0);
  let last = bins.length - 1 - bins.slice().reverse().findIndex((b) => b.count > 0);
  const marks = [h.no_deal, h.nash, h.utilitarian].filter((v) => v !== undefined);
  const lo = Math.min(...marks, first >= 0 ? bins[first].from : 2);
  const hi = Math.max(...marks, last >= 0 && first >= 0 ? bins[last].to : 0);
  first = Math.max(0, Math.floor(lo * 10) - 1);
  last = Math.min(bins.length - 1, Math.ceil(hi * 10));
  const shown = bins.slice(first, last + 1);
  const max = Math.max(1, ...shown.map((b) => b.count));
  const width = 520;
  const height = 220;
  const barW = width / shown.length;
  const x = (v) => ((v - shown[0].from) / (shown[shown.length - 1].to - shown[0].from)) * width;
  const root = svg('svg', {viewBox: `0 -56 ${width} ${height + 96}`, class: 'histogram', role: 'img', 'aria-label': 'joint utility of the deals'});
  shown.forEach((b, i) => {
    const barH = (b.count / max) * height;
    root.append(svg('rect', {x: i * barW + 2, y: height - barH, width: barW - 4, height: barH, class: 'bar'}));
    // The count inside the bar's top (above it when the bar is too short), clear of the marks' labels.
    if (b.count) {
      const inside = barH >= 34;
      root.append(svg('text', {x: i * barW + barW / 2, y: inside ? height - barH + 26 : height - barH - 6,
        'text-anchor': 'middle', class: inside ? 'count' : 'tick', text: b.count}));
    }
  });
  const mark = (value, label, cls, dy) => {
    if (value === undefined) return;
    root.append(svg('line', {x1: x(value), y1: -4, x2: x(value), y2: height, class: 'mark ' + cls}));
    root.append(svg('text', {x: x(value), y: -10 + dy, 'text-anchor': 'middle', class: 'mark-label', text: label}));
  };
  mark(h.no_deal, h.no_deal_mean ? 'no deal (mean)' : 'no deal', 'reservation', 0);
  mark(h.nash, 'Nash', 'solution', 0);
  if (h.utilitarian !== undefined && Math.abs(h.utilitarian - h.nash) > 0.001) {
    mark(h.utilitarian, 'U', 'solution', Math.abs(h.utilitarian - h.nash) < 0.15 ? -26 : 0);
  }
  root.append(svg('text', {x: 0, y: height + 32, class: 'tick', text: shown[0].from.toFixed(1)}));
  root.append(svg('text', {x: width, y: height + 32, 'text-anchor': 'end', class: 'tick', text: shown[shown.length - 1].to.toFixed(1)}));
  root.append(svg('text', {x: width / 2, y: height + 32, 'text-anchor': 'middle', class: 'tick', text: 'joint utility'}));
  return root;
}

function renderResults() {
  const round = state.round;
  const parts = [];
  if (round) parts.push(el('h2', {}, `Round ${round.id}: ${state.histogram.settled} finished`), histogram());
  const ref = state.reference;
  parts.push(el('p', {class: 'reference-line'}, '■ Agents alone: ' +
    (ref.end === 'agreement' ? fixed2(ref.utilities[0]) + ' / ' + fixed2(ref.utilities[1]) + ' after ' + ref.offers + ' offers' : ref.end.replace('_', ' '))));
  const board = state.leaderboard.slice(0, 10).map((entry, rank) => el('li', {},
    el('span', {class: 'leader-rank'}, (rank + 1) + '.'),
    nameNode(name(entry.name), 'span'),
    el('span', {class: 'leader-score'}, fixed2(entry.total))));
  parts.push(el('h2', {}, 'Leaderboard'),
    board.length ? el('ol', {class: 'leaderboard'}, board) : el('p', {class: 'muted'}, 'No finished negotiation yet.'));
  $('panel-results').replaceChildren(...parts);
}

// [SECTION] Start

if (!token) {
  unauthorized();
} else {
  refresh();
  const connection = $('connection');
  listen('/api/teacher/events', token, refresh, unauthorized, (up) => { connection.hidden = up; if (up) refresh(); });
}
