// student.js — the student's page: join with the code and a name, wait in the lobby, negotiate
// on your side (build an offer clause by clause, accept, walk away), see your result and, after
// the teacher's reveal, where your deal sits. Every number comes from the server.
'use strict';

const SEAT_KEY = 'treatysim-seat';
let seat = localStorage.getItem(SEAT_KEY);
let scenario = null;
let me = null;
let draft = null;           // {negotiation, outcome: {issue: option}}: the offer being built
let draftUtility = null;    // its utility to you, from POST /api/evaluate
let busy = false;
let message = '';           // the last error from an action

const view = document.getElementById('view');
const joinSection = document.getElementById('join');

function optionLabel(issue, optionId) {
  const option = issue.options.find((o) => o.id === optionId);
  return option ? option.label : optionId;
}

function partyName(id) {
  const party = scenario.parties.find((p) => p.id === id);
  return party ? party.name : id;
}

function showJoin() {
  joinSection.hidden = false;
  view.replaceChildren();
  document.getElementById('who').textContent = '';
  const code = new URLSearchParams(location.search).get('code');
  if (code && !document.getElementById('code').value) document.getElementById('code').value = code;
  (document.getElementById('code').value ? document.getElementById('name') : document.getElementById('code')).focus();
}

document.getElementById('join-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = document.getElementById('join-error');
  error.textContent = '';
  const code = document.getElementById('code').value.trim();
  const name = document.getElementById('name').value.trim();
  if (!code || !name) { error.textContent = 'Enter the code and your name.'; return; }
  const answer = await api('POST', '/api/join', null, {code, name});
  if (answer.status !== 200) { error.textContent = answer.body.error || 'Could not join.'; return; }
  seat = answer.body.seat;
  localStorage.setItem(SEAT_KEY, seat);
  joinSection.hidden = true;
  start();
});

const reload = coalesce(async () => {
  const answer = await api('GET', '/api/me', seat);
  if (answer.status === 401) { forget(); return; }
  if (answer.status !== 200) return;  // keep the last view; the stream will call again
  show(answer.body);
});

// Reads the view again, unless the one shown already has the change `version` (the answer to
// this page's own action carries its view).
function refresh(version) {
  if (version !== undefined && me && me.version >= version) return;
  reload();
}

let fresh = true;  // the next view is shown whatever its version (after (re)connecting)

function show(view) {
  if (!fresh && me && view.version < me.version) return;  // an older answer overtaken by a newer one
  fresh = false;
  me = view;
  render();
}

function forget() {
  localStorage.removeItem(SEAT_KEY);
  seat = null;
  showJoin();
}

async function act(path, body) {
  if (busy) return;
  busy = true;
  message = '';
  const payload = Object.assign({negotiation: me.negotiation.id}, body || {});
  const answer = await api('POST', path, seat, payload);
  busy = false;
  if (answer.status === 200 && answer.body.me) {
    show(answer.body.me);
    return;
  }
  if (answer.status !== 200) message = answer.body.error || 'The server refused.';
  await reload();
}

const evaluate = coalesce(async () => {
  if (!draft) return;
  const answer = await api('POST', '/api/evaluate', seat, {outcome: draft.outcome});
  draftUtility = answer.status === 200 ? answer.body.utility : null;
  const total = document.getElementById('draft-utility');
  if (total) total.textContent = fixed2(draftUtility);
});

// [SECTION] Rendering

function clauseList(outcome, n) {
  return el('ul', {class: 'clauses'}, scenario.issues.map((issue) =>
    el('li', {}, el('span', {class: 'issue'}, issue.label), el('span', {}, optionLabel(issue, outcome[issue.id])),
      n ? el('span', {class: 'worth'}, ' +' + fixed2(n.worth[issue.id][outcome[issue.id]])) : null)));
}

function render() {
  document.getElementById('who').textContent = me.name;
  const n = me.negotiation;
  const parts = [];
  if (me.phase === 'lobby' || !n) {
    parts.push(el('div', {class: 'card center'},
      el('h1', {}, 'You are in, ', nameNode(me.name)),
      el('p', {class: 'big'}, 'Wait for the teacher to start a round.'),
      el('p', {class: 'muted'}, scenario.title)));
    view.replaceChildren(...parts);
    return;
  }
  const mine = n.party_name;
  const opponent = n.opponent.agent ? 'an agent' : nameNode(n.opponent.name);
  parts.push(el('div', {class: 'card headline'},
    el('p', {class: 'round'}, 'Round ' + n.round),
    el('h1', {}, 'You negotiate for ' + mine),
    el('p', {}, 'against ', el('strong', {}, opponent), ' (' + n.opponent.party_name + ')')));

  if (n.end === 'running') {
    parts.push(status(n));
    if (message) parts.push(el('p', {class: 'error', role: 'alert'}, message));
    if (n.answering) parts.push(pendingOffer(n));
    if (n.your_turn && !(n.answering && n.last_offer)) parts.push(builder(n));
  } else {
    parts.push(result(n));
  }
  if (me.reveal) parts.push(reveal(n, me.reveal));
  parts.push(history(n));
  parts.push(values(n));
  view.replaceChildren(...parts);
  if (n.your_turn && draft) evaluate();
}

function status(n) {
  const left = n.offers_left;
  let text;
  if (n.your_turn && n.answering) text = [n.last_offer ? 'Last offer: accept it, reject it or walk away.' : 'Your turn: answer their offer or make a counter-offer.'];
  else if (n.your_turn) text = ['Your turn: make an offer.'];
  else text = ['Waiting for ', n.opponent.agent ? 'the agent' : nameNode(n.opponent.name), '…'];
  return el('div', {class: 'card status' + (n.your_turn ? ' turn' : '')},
    el('p', {class: 'big'}, ...text),
    el('p', {}, left + (left === 1 ? ' offer left' : ' offers left') + ' of ' + n.deadline +
      '. No deal is worth ' + fixed2(n.reservation) + ' to you' +
      (n.reservation_drawn ? ' (drawn for this negotiation from ' + n.reservation_drawn + ')' : '') + '.'));
}

function pendingOffer(n) {
  const offer = n.offers[n.offers.length - 1];
  return el('div', {class: 'card pending'},
    el('h2', {}, n.opponent.party_name + ' offers'),
    clauseList(offer.outcome, n),
    el('p', {class: 'big'}, 'Worth ', el('strong', {}, fixed2(offer.utility)), ' to you'),
    el('div', {class: 'actions'},
      el('button', {class: 'primary', onclick: () => act('/api/accept'), disabled: busy}, 'Accept'),
      n.last_offer ? el('button', {onclick: () => act('/api/reject')}, 'Reject') : null,
      el('button', {class: 'danger', onclick: () => { if (confirm('Walk away without a deal?')) act('/api/walk_away'); }}, 'Walk away')));
}

function builder(n) {
  if (!draft || draft.negotiation !== n.id) {
    const own = n.offers.filter((o) => o.party === n.party);
    draft = {negotiation: n.id, outcome: Object.assign({}, own.length ? own[own.length - 1].outcome : n.best_outcome)};
    draftUtility = null;
  }
  const fieldsets = scenario.issues.map((issue) => {
    const weight = Math.round(n.weights[issue.id] * 100);
    return el('fieldset', {class: 'issue'},
      el('legend', {}, issue.label, el('span', {class: 'weight'}, ' · ' + weight + '% of your utility')),
      issue.options.map((option) => {
        const id = `opt-${issue.id}-${option.id}`;
        return el('label', {class: 'option', for: id},
          el('input', {type: 'radio', name: 'issue-' + issue.id, id, value: option.id,
            checked: draft.outcome[issue.id] === option.id,
            onchange: () => { draft.outcome[issue.id] = option.id; evaluate(); }}),
          el('span', {class: 'option-label'}, option.label),
          el('span', {class: 'worth'}, '+' + fixed2(n.worth[issue.id][option.id])));
      }));
  });
  return el('div', {class: 'card builder'},
    el('h2', {}, n.answering ? 'Or make a counter-offer' : 'Your offer'),
    fieldsets,
    el('p', {class: 'big'}, 'Your offer is worth ', el('strong', {id: 'draft-utility'}, fixed2(draftUtility)), ' to you'),
    el('div', {class: 'actions'},
      el('button', {class: 'primary', onclick: () => act('/api/offer', {outcome: draft.outcome}), disabled: busy},
        n.answering ? 'Counter-offer' : 'Propose')));
}

function result(n) {
  const r = n.result;
  const card = el('div', {class: 'card result'});
  if (n.end === 'stopped') card.append(el('h2', {}, 'The teacher ended the round'));
  else if (r.agreement) card.append(el('h2', {}, 'Agreement at offer ' + r.offers));
  else card.append(el('h2', {}, n.end === 'walk_away' ? 'No deal: someone walked away' : 'No deal: the deadline passed'));
  if (r.agreement) card.append(clauseList(r.outcome, n));
  card.append(el('p', {class: 'big'}, 'Your result: ', el('strong', {}, fixed2(r.discounted_utility)),
    r.agreement ? '' : ' (your reservation value)'));
  if (r.opponent_utility !== undefined) {
    card.append(el('p', {}, n.opponent.party_name + ' got ' + fixed2(r.opponent_discounted_utility) + '.'));
  }
  if (!me.reveal) card.append(el('p', {class: 'muted'}, 'Wait for the teacher to reveal the round.'));
  return card;
}

function reveal(n, data) {
  const points = data.deals.filter((d) => !d.yours).map((d) => ({u: d.utilities, kind: 'other', label: 'another pair'}));
  points.push({u: data.your_point, kind: 'yours', label: 'your result'});
  const plot = outcomePlot(data.analysis, {width: 520, height: 520, points, label: 'your deal among the class'});
  let verdict;
  if (!n.result.agreement) verdict = 'No deal: you both got your reservation values (your dot, where the dashed lines cross).';
  else if (data.pareto_optimal) verdict = 'Your deal is on the frontier: no other deal is better for one side without being worse for the other.';
  else verdict = 'Your deal is ' + fixed2(data.distance_to_pareto) + ' away from the frontier: another deal was better for both of you.';
  const nash = data.analysis.solutions.find((s) => s.name === 'nash');
  const parties = data.analysis.parties;
  const drawn = parties.some((p) => p.reservation_drawn);
  let solution = null;
  if (nash) {
    solution = el('p', {}, 'The Nash solution' + (drawn ? ' for your two reservation values' : '') + ' gives ' +
      parties[0].name + ' ' + fixed2(nash.utilities[0]) + ' and ' + parties[1].name + ' ' + fixed2(nash.utilities[1]) + '.');
  } else if (drawn) {
    solution = el('p', {}, 'With the reservation values drawn for your negotiation (' + parties[0].name + ' ' +
      fixed2(parties[0].reservation) + ', ' + parties[1].name + ' ' + fixed2(parties[1].reservation) +
      ') no outcome gave both of you at least your value: no deal was the rational end.');
  }
  return el('div', {class: 'card reveal'},
    el('h2', {}, 'The reveal'),
    el('p', {}, verdict),
    solution,
    plot,
    el('p', {class: 'legend'},
      el('span', {class: 'key yours'}, '● your result'), ' ',
      el('span', {class: 'key other'}, '● other pairs'), ' ',
      el('span', {class: 'key frontier'}, '— frontier'), ' ',
      el('span', {class: 'key solution'}, '◆ solutions (N Nash, KS, E, U)'), ' ',
      el('span', {class: 'key reservation'}, '┆ reservation values')));
}

// The offers so far, newest first: who offered, what it is worth, and (opened) its clauses.
function history(n) {
  if (!n.offers.length) return el('div', {class: 'card'}, el('h2', {}, 'Offers'), el('p', {class: 'muted'}, 'No offer yet.'));
  const both = n.offers[0].opponent_utility !== undefined;
  const rows = n.offers.slice().reverse().map((o) => el('li', {class: o.party === n.party ? 'own' : 'theirs'},
    el('details', {},
      el('summary', {},
        el('span', {class: 'who'}, (o.party === n.party ? 'You' : partyName(o.party)) + ' #' + (o.offer + 1)),
        el('span', {class: 'worth'}, fixed2(o.utility) + (both ? ' / ' + fixed2(o.opponent_utility) : ''))),
      clauseList(o.outcome, n))));
  return el('div', {class: 'card'}, el('h2', {}, 'Offers so far'),
    el('p', {class: 'muted'}, 'Worth to you' + (both ? ' / to them' : '') + '; open one to see its clauses'),
    el('ol', {class: 'history'}, rows));
}

function values(n) {
  const rows = scenario.issues.map((issue) => el('details', {},
    el('summary', {}, issue.label + ' · weight ' + fixed2(n.weights[issue.id])),
    el('ul', {class: 'clauses'}, issue.options.map((o) => el('li', {},
      el('span', {class: 'option-id'}, o.id), ' ' + o.label + ' ',
      el('span', {class: 'worth'}, 'value ' + fixed2(n.values[issue.id][o.id]) +
        (n.opponent_values ? ' · theirs ' + fixed2(n.opponent_values[issue.id][o.id]) : '')))))));
  return el('div', {class: 'card'}, el('h2', {}, 'Your values'),
    el('p', {class: 'muted'}, n.opponent_values ? 'Both sides\u2019 values are revealed.' :
      'Only you see these; the other side has values of its own.'), rows);
}

// [SECTION] Start

async function start() {
  if (!scenario) {
    const answer = await api('GET', '/api/scenario');
    if (answer.status !== 200) { view.textContent = 'Cannot reach the class server.'; setTimeout(start, 2000); return; }
    scenario = answer.body;
  }
  if (!seat) { showJoin(); return; }
  joinSection.hidden = true;
  await reload();
  if (!seat) return;
  const connection = document.getElementById('connection');
  listen('/api/events', seat, refresh, forget, (up) => {
    connection.hidden = up;
    if (up) { fresh = true; reload(); }  // a restarted server may count versions anew
  });
}

document.addEventListener('visibilitychange', () => { if (!document.hidden && seat) reload(); });
start();
