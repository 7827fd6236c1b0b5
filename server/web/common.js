// common.js — helpers shared by the student and teacher pages of class mode. Text from the
// server is always put into the page with textContent (never as HTML), so names cannot inject
// markup or script.
'use strict';

const SVG_NS = 'http://www.w3.org/2000/svg';

// An HTML element: el('p', {class: 'x'}, 'text', child…). Strings become text nodes.
function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// An SVG element with attributes; `text` sets its text content.
function svg(tag, attributes, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined) continue;
    if (key === 'text') node.textContent = value;
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) if (child) node.append(child);
  return node;
}

// Calls the JSON API; resolves to {status, body} (body: parsed JSON, or {error} on failure).
async function api(method, path, token, body) {
  const headers = {};
  if (token) headers.Authorization = 'Bearer ' + token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    const response = await fetch(path, {
      method, headers, cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let parsed = {};
    try { parsed = await response.json(); } catch (e) { parsed = {error: 'unreadable answer'}; }
    return {status: response.status, body: parsed};
  } catch (e) {
    return {status: 0, body: {error: 'no connection to the class server'}};
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Listens to the server's event stream (Server-Sent Events read through fetch, so that the
// token travels in a header, not the URL) and calls onChange(version) on every change (the
// version the change made, or undefined); reconnects by itself. Calls onUnauthorized() and stops
// when the token is refused.
async function listen(path, token, onChange, onUnauthorized, onConnection) {
  for (;;) {
    try {
      const response = await fetch(path, {headers: {Authorization: 'Bearer ' + token}, cache: 'no-store'});
      if (response.status === 401) { onUnauthorized(); return; }
      if (response.ok && response.body) {
        if (onConnection) onConnection(true);
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const {value, done} = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, {stream: true});
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (/^event: change$/m.test(block)) {
              const data = /^data: (.*)$/m.exec(block);
              let version;
              try { version = data ? JSON.parse(data[1]).version : undefined; } catch (e) { version = undefined; }
              onChange(version);
            }
          }
        }
      }
    } catch (e) {
      // dropped: reconnect below
    }
    if (onConnection) onConnection(false);
    await sleep(2000);
  }
}

// Runs `task` now, or once more after the running call when asked again meanwhile.
function coalesce(task) {
  let running = false;
  let again = false;
  return async function run() {
    if (running) { again = true; return; }
    running = true;
    try {
      do { again = false; await task(); } while (again);
    } finally {
      running = false;
    }
  };
}

// A person's name as an element: isolated from the text around it (a right-to-left name must not
// reorder "A – B"), shown in one line and cut with an ellipsis when too long.
function nameNode(text, tag) {
  return el(tag || 'bdi', {class: 'name', title: text}, text);
}

const fixed2 = (x) => (x === null || x === undefined ? '–' : Number(x).toFixed(2));

// The outcome space drawn from server data: outcomes, frontier, reservation lines, the four
// solutions, and points. `options.points`: [{u: [u0, u1], kind, label}]. Returns an <svg>.
function outcomePlot(analysis, options) {
  const width = options.width || 600;
  const height = options.height || 600;
  const left = options.left || 70;
  const bottom = options.bottom || 60;
  const top = 16;
  const right = 30;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const x = (u) => left + u * plotW;
  const y = (u) => top + (1 - u) * plotH;
  const root = svg('svg', {viewBox: `0 0 ${width} ${height}`, class: 'plot', role: 'img',
    'aria-label': options.label || 'outcome space'});
  root.append(svg('rect', {x: left, y: top, width: plotW, height: plotH, class: 'plot-area'}));
  for (let t = 0; t <= 1.0001; t += 0.25) {
    root.append(svg('line', {x1: x(t), y1: top, x2: x(t), y2: top + plotH, class: 'grid'}));
    root.append(svg('line', {x1: left, y1: y(t), x2: left + plotW, y2: y(t), class: 'grid'}));
    root.append(svg('text', {x: x(t), y: top + plotH + 26, class: 'tick', 'text-anchor': 'middle', text: t.toFixed(2)}));
    root.append(svg('text', {x: left - 8, y: y(t) + 8, class: 'tick', 'text-anchor': 'end', text: t.toFixed(2)}));
  }
  const parties = analysis.parties;
  root.append(svg('text', {x: left + plotW / 2, y: height - 6, class: 'axis-label', 'text-anchor': 'middle',
    text: `utility of ${parties[0].name} →`}));
  root.append(svg('text', {x: 18, y: top + plotH / 2, class: 'axis-label', 'text-anchor': 'middle',
    transform: `rotate(-90 18 ${top + plotH / 2})`, text: `utility of ${parties[1].name} →`}));
  for (const u of analysis.outcomes || []) {
    root.append(svg('circle', {cx: x(u[0]), cy: y(u[1]), r: options.cloudRadius || 3, class: 'outcome'}));
  }
  // Reservation lines: no deal is worth this much.
  root.append(svg('line', {x1: x(parties[0].reservation), y1: top, x2: x(parties[0].reservation), y2: top + plotH, class: 'reservation'}));
  root.append(svg('line', {x1: left, y1: y(parties[1].reservation), x2: left + plotW, y2: y(parties[1].reservation), class: 'reservation'}));
  const frontier = analysis.frontier.map((u) => `${x(u[0]).toFixed(1)},${y(u[1]).toFixed(1)}`).join(' ');
  root.append(svg('polyline', {points: frontier, class: 'frontier'}));
  for (const u of analysis.frontier) root.append(svg('circle', {cx: x(u[0]), cy: y(u[1]), r: 4, class: 'frontier-point'}));
  const marks = {nash: 'N', kalai_smorodinsky: 'KS', egalitarian: 'E', utilitarian: 'U'};
  for (const s of analysis.solutions) {
    const cx = x(s.utilities[0]);
    const cy = y(s.utilities[1]);
    root.append(svg('rect', {x: cx - 7, y: cy - 7, width: 14, height: 14, class: 'solution',
      transform: `rotate(45 ${cx} ${cy})`}, svg('title', {text: s.label})));
  }
  for (const p of options.points || []) {
    const cx = x(p.u[0]);
    const cy = y(p.u[1]);
    if (p.kind === 'reference') {
      root.append(svg('rect', {x: cx - 9, y: cy - 9, width: 18, height: 18, class: 'reference'}, svg('title', {text: p.label || ''})));
    } else {
      root.append(svg('circle', {cx, cy, r: p.kind === 'yours' ? 12 : 9, class: 'deal ' + (p.kind || '')},
        svg('title', {text: p.label || ''})));
    }
  }
  // The solutions' letters go on top of everything, with a white halo. Solutions often
  // coincide: their letters stack; a letter with another solution just to its right goes left.
  const placed = [];
  for (const s of analysis.solutions) {
    const cx = x(s.utilities[0]);
    const cy = y(s.utilities[1]);
    const same = placed.filter((p) => Math.abs(p[0] - cx) < 1 && Math.abs(p[1] - cy) < 1).length;
    placed.push([cx, cy]);
    const crowded = analysis.solutions.some((o) => {
      const ox = x(o.utilities[0]);
      const oy = y(o.utilities[1]);
      return ox - cx > 1 && ox - cx < 70 && Math.abs(oy - cy) < 60;
    });
    root.append(svg('text', {x: crowded ? cx - 12 : cx + 12, y: cy - 10 - same * 24, class: 'solution-label',
      'text-anchor': crowded ? 'end' : 'start', text: marks[s.name] || s.name}));
  }
  return root;
}
