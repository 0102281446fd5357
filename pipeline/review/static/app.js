// The review page: plain DOM, no framework (one page, a few lists). All text
// from documents goes in through textContent, never innerHTML.
const token = document.querySelector('meta[name="review-token"]').content;
const $ = (sel) => document.querySelector(sel);
const state = { docId: null, doc: null, ann: null, version: null, disagreements: [], current: null, showAll: false, segs: [] };

function banner(msg, ok = false) {
  const b = $('#banner');
  b.textContent = msg;
  b.className = ok ? 'ok' : '';
  b.hidden = !msg;
}

async function api(path, body) {
  const init = { headers: { 'X-Review-Token': token } };
  if (body !== undefined) {
    init.method = 'POST';
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  const data = await res.json().catch(() => ({ error: `HTTP ${res.status}` }));
  if (!res.ok) throw Object.assign(new Error(data.error || `HTTP ${res.status}`), { status: res.status });
  return data;
}

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

function valueOf(item) {
  const o = item.output || {};
  const c = item.status === 'corrected' ? item.corrected || {} : {};
  const f = { ...o, ...c };
  if (item.type === 'date') return String(f.value ?? '');
  if (item.type === 'actor') return String(f.actorId ?? f.value ?? '');
  if (item.type === 'quantity') return `${f.value ?? ''}${f.upper != null ? `–${f.upper}` : ''} ${f.unit ?? ''}`.trim();
  if (item.type === 'claim') return [f.subject, f.relation, typeof f.object === 'object' && f.object ? f.object.actorId || f.object.literal : f.object].filter(Boolean).join(' · ');
  return f.kind || f.summary || f.field || '';
}

function visibleItems() {
  return state.ann.items.filter((i) => state.showAll || i.status === 'pending');
}

async function loadDocs() {
  const { docs } = await api('/api/docs');
  const sel = $('#doc-select');
  sel.replaceChildren(...docs.map((d) => el('option', { value: d.id }, `${d.id}${d.pending !== undefined ? ` (${d.pending} pending)` : ' (broken file)'}`)));
  const want = new URLSearchParams(location.search).get('doc');
  const id = docs.some((d) => d.id === want) ? want : docs[0]?.id;
  if (id) {
    sel.value = id;
    await loadDoc(id);
  } else banner('No document with both out/documents/<id>.json and annotations/<id>.json.');
}

async function loadDoc(id) {
  const data = await api(`/api/doc/${encodeURIComponent(id)}`);
  Object.assign(state, { docId: id, doc: data.doc, ann: data.annotations, version: data.version, disagreements: data.disagreements });
  if (new URLSearchParams(location.search).get('doc') !== id) history.replaceState(null, '', `?doc=${encodeURIComponent(id)}`);
  banner(data.stale ? 'The annotation file was merged with a different text than the current output: run `claims annotate update`.' : '');
  state.current = visibleItems()[0]?.id ?? state.ann.items[0]?.id ?? null;
  render();
}

function render() {
  renderArticle();
  renderList();
  renderDetail();
  renderDisagreements();
  const n = state.ann.items.length;
  const p = state.ann.items.filter((i) => i.status === 'pending').length;
  $('#progress').textContent = `${n - p}/${n} decided`;
}

function renderArticle() {
  const text = state.doc.text;
  const spans = state.ann.items.filter((i) => i.type !== 'disagreement' && i.end > i.start && i.anchor !== 'lost');
  const cuts = new Set([0, text.length]);
  for (const i of spans) {
    cuts.add(i.start);
    cuts.add(i.end);
  }
  const points = [...cuts].filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
  const art = $('#article');
  const frag = document.createDocumentFragment();
  state.segs = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k];
    const b = points[k + 1];
    const cover = spans.filter((i) => i.start <= a && i.end >= b);
    const mention = cover.filter((i) => i.type !== 'claim').sort((x, y) => x.end - x.start - (y.end - y.start))[0];
    const claim = cover.find((i) => i.type === 'claim');
    const classes = ['seg'];
    if (mention) classes.push(`m-${mention.type}`, `st-${mention.status}`);
    if (claim) classes.push('in-claim');
    const s = el('span', { class: classes.join(' '), dataset: { start: String(a) } }, text.slice(a, b));
    if (mention || claim) s.title = [mention, claim].filter(Boolean).map((i) => `${i.type} ${i.status}: ${valueOf(i)}`).join('\n');
    state.segs.push({ a, b, node: s, ids: cover.map((i) => i.id) });
    frag.append(s);
  }
  art.replaceChildren(frag);
  markSelected();
}

function markSelected() {
  const cur = state.ann.items.find((i) => i.id === state.current);
  for (const s of state.segs) s.node.classList.toggle('selected', !!cur && cur.type !== 'disagreement' && s.a >= cur.start && s.b <= cur.end && cur.end > cur.start);
}

function renderList() {
  $('#list-title').textContent = state.showAll ? 'All items' : 'Pending';
  const list = $('#items');
  list.replaceChildren(
    ...visibleItems().map((i) =>
      el(
        'li',
        { class: i.id === state.current ? 'current' : '', dataset: { id: i.id }, onclick: () => select(i.id) },
        el('span', { class: `badge ${i.status}` }, i.status),
        ` ${i.type} `,
        el('q', {}, i.text.length > 60 ? `${i.text.slice(0, 57)}…` : i.text),
        ` → ${valueOf(i)}`,
        i.latest === 'missing' ? ' (missing from latest run)' : '',
        i.anchor === 'lost' ? ' (span lost)' : '',
      ),
    ),
  );
  list.querySelector('li.current')?.scrollIntoView({ block: 'nearest' });
}

function renderDetail() {
  const d = $('#detail');
  const i = state.ann.items.find((x) => x.id === state.current);
  if (!i) {
    d.replaceChildren('Nothing selected.');
    return;
  }
  d.replaceChildren(
    el('div', {}, el('span', { class: `badge ${i.status}` }, i.status), ` ${i.type} [${i.start}, ${i.end}) `, el('code', {}, i.id)),
    el('div', { class: 'ctx' }, `…${i.context?.before ?? ''}`, el('mark', {}, i.text), `${i.context?.after ?? ''}…`),
    el('div', {}, `value: ${valueOf(i)}`),
    i.type === 'disagreement'
      ? el('div', {}, String(i.output.summary ?? ''))
      : el('pre', {}, Object.entries(i.output).filter(([k]) => k !== 'mentionIds').map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`).join('\n')),
    i.corrected ? el('div', {}, `corrected: ${JSON.stringify(i.corrected)}`) : '',
    i.note ? el('div', {}, `note: ${i.note}`) : '',
    i.reviewer ? el('div', {}, `by ${i.reviewer} at ${i.reviewedAt}`) : '',
    el(
      'div',
      {},
      el('button', { type: 'button', onclick: () => decide('accepted') }, 'Accept (a)'),
      ' ',
      el('button', { type: 'button', onclick: () => decide('rejected') }, 'Reject (r)'),
      ' ',
      el('button', { type: 'button', onclick: openCorrect }, 'Correct (c)'),
      ' ',
      el('button', { type: 'button', onclick: () => decide('pending') }, 'Pending (u)'),
    ),
  );
}

function renderDisagreements() {
  const ul = $('#disagreements');
  if (!state.disagreements.length) {
    ul.replaceChildren(el('li', {}, 'none'));
    return;
  }
  ul.replaceChildren(
    ...state.disagreements.map((d) => {
      const item = state.ann.items.find((i) => i.id === d.id);
      const sides = Array.isArray(d.sides) ? d.sides : [];
      return el(
        'li',
        { onclick: () => item && select(item.id) },
        el('strong', {}, `${d.kind ?? 'disagreement'}: `),
        d.summary ?? '',
        item ? ` [${item.status}]` : '',
        el(
          'ul',
          {},
          ...sides.flatMap((side) =>
            (side.claims ?? []).map((c) => el('li', {}, el('code', {}, c.docId === state.docId ? 'this document' : c.docId), ` ${c.time?.value ?? ''} `, el('q', {}, String(c.quote ?? '').slice(0, 200)))),
          ),
        ),
      );
    }),
  );
}

function select(id) {
  state.current = id;
  $('#correct-form').hidden = true;
  renderList();
  renderDetail();
  markSelected();
  const cur = state.ann.items.find((i) => i.id === id);
  const seg = cur && state.segs.find((s) => s.a >= cur.start && s.b <= cur.end && cur.end > cur.start);
  seg?.node.scrollIntoView({ block: 'nearest' });
}

function move(step) {
  const list = visibleItems();
  if (!list.length) return;
  const k = list.findIndex((i) => i.id === state.current);
  const next = list[Math.min(list.length - 1, Math.max(0, k + step))] ?? list[0];
  select(next.id);
}

async function post(path, body) {
  try {
    const res = await api(path, { version: state.version, ...body });
    state.version = res.version;
    return res.item;
  } catch (err) {
    banner(`Not saved: ${err.message}`);
    return null;
  }
}

async function decide(status, corrected, note) {
  const id = state.current;
  if (!id) return;
  const decision = { itemId: id, status };
  if (corrected) decision.corrected = corrected;
  if (note !== undefined) decision.note = note;
  const before = visibleItems();
  const item = await post(`/api/doc/${encodeURIComponent(state.docId)}/decision`, { decision });
  if (!item) return;
  const k = state.ann.items.findIndex((i) => i.id === id);
  state.ann.items[k] = item;
  banner(`Saved: ${item.type} “${item.text.slice(0, 40)}” ${item.status}.`, true);
  // Move on to the next item of the list as it was.
  const pos = before.findIndex((i) => i.id === id);
  const after = visibleItems();
  const next = before.slice(pos + 1).find((i) => after.some((a) => a.id === i.id)) ?? after[0];
  state.current = state.showAll ? id : next?.id ?? id;
  $('#correct-form').hidden = true;
  render();
}

function openCorrect() {
  const i = state.ann.items.find((x) => x.id === state.current);
  if (!i) return;
  const f = $('#correct-form');
  const o = { ...i.output, ...(i.corrected || {}) };
  f.elements.type.value = o.type || i.type;
  f.elements.value.value = i.type === 'actor' ? o.actorId ?? '' : typeof o.value === 'object' ? '' : o.value ?? '';
  f.elements.unit.value = o.unit ?? '';
  f.elements.start.value = o.start ?? i.start;
  f.elements.end.value = o.end ?? i.end;
  f.elements.note.value = i.note ?? '';
  f.hidden = false;
  f.elements.value.focus();
  f.elements.value.select();
}

$('#correct-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const i = state.ann.items.find((x) => x.id === state.current);
  if (!i) return;
  const f = ev.target.elements;
  const type = f.type.value;
  const c = {};
  if (type !== i.type) c.type = type;
  const start = Number(f.start.value);
  const end = Number(f.end.value);
  if (start !== i.start) c.start = start;
  if (end !== i.end) c.end = end;
  const key = type === 'actor' ? 'actorId' : type === 'claim' ? 'relation' : 'value';
  const raw = f.value.value.trim();
  const typed = type === 'quantity' && raw !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw;
  if (raw !== '' && typed !== i.output[key]) c[key] = typed;
  const unit = f.unit.value.trim();
  if (unit && unit !== i.output.unit) c.unit = unit;
  if (!Object.keys(c).length) {
    banner('Nothing was changed: edit a field, or accept the item as it is.');
    return;
  }
  decide('corrected', c, f.note.value);
});
// The text selection is lost when the button takes focus, so remember the last one made in the article.
let lastSelection = null;
document.addEventListener('selectionchange', () => {
  const span = selectionSpan();
  if (span) lastSelection = span;
});
$('#span-from-selection').addEventListener('click', () => {
  if (!lastSelection) {
    banner('Select the right span of text in the article first.');
    return;
  }
  const f = $('#correct-form').elements;
  f.start.value = lastSelection.start;
  f.end.value = lastSelection.end;
  banner(`Span set to “${state.doc.text.slice(lastSelection.start, lastSelection.end)}”.`, true);
});
$('#correct-cancel').addEventListener('click', () => {
  $('#correct-form').hidden = true;
});

function selectionSpan() {
  const sel = window.getSelection();
  if (!sel || sel.isCollapsed || !sel.rangeCount) return null;
  const r = sel.getRangeAt(0);
  const off = (node, o) => {
    const seg = (node.nodeType === 3 ? node.parentElement : node)?.closest?.('.seg');
    return seg ? Number(seg.dataset.start) + (node.nodeType === 3 ? o : 0) : null;
  };
  const s = off(r.startContainer, r.startOffset);
  const e = off(r.endContainer, r.endOffset);
  return s !== null && e !== null && e > s ? { start: s, end: e } : null;
}

async function addFromSelection() {
  const span = selectionSpan();
  if (!span) {
    banner('Select some text of the article first, then press n.');
    return;
  }
  const type = prompt(`Add “${state.doc.text.slice(span.start, span.end)}” as: date, actor, quantity or claim?`, 'actor');
  if (!type) return;
  const value = prompt(type === 'actor' ? 'actorId' : 'value', '') ?? '';
  const fields = {};
  if (value) fields[type === 'actor' ? 'actorId' : 'value'] = type === 'quantity' && !Number.isNaN(Number(value)) ? Number(value) : value;
  const item = await post(`/api/doc/${encodeURIComponent(state.docId)}/add`, { item: { type, start: span.start, end: span.end, fields } });
  if (!item) return;
  state.ann.items.push(item);
  state.ann.items.sort((a, b) => a.start - b.start || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0) || (a.id < b.id ? -1 : 1));
  state.current = item.id;
  banner(`Added ${item.type} “${item.text}”.`, true);
  render();
}

document.addEventListener('keydown', (ev) => {
  if (ev.key === 'Escape') {
    $('#help').hidden = true;
    $('#correct-form').hidden = true;
    document.activeElement?.blur();
    return;
  }
  if (ev.target.closest?.('input, select, textarea') || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  const actions = {
    j: () => move(1),
    k: () => move(-1),
    a: () => decide('accepted'),
    r: () => decide('rejected'),
    u: () => decide('pending'),
    c: openCorrect,
    n: addFromSelection,
    f: () => {
      state.showAll = !state.showAll;
      $('#show-all').checked = state.showAll;
      renderList();
    },
    '?': () => {
      $('#help').hidden = !$('#help').hidden;
    },
  };
  const act = actions[ev.key];
  if (act) {
    ev.preventDefault();
    act();
  }
});

$('#article').addEventListener('click', (ev) => {
  const seg = ev.target.closest('.seg');
  if (!seg) return;
  const s = state.segs.find((x) => x.node === seg);
  if (!s || !s.ids.length) return;
  const items = s.ids.map((id) => state.ann.items.find((i) => i.id === id)).filter(Boolean);
  items.sort((x, y) => x.end - x.start - (y.end - y.start));
  // A click on the selected item's text again goes to the next larger one (a mention, then its claim).
  const k = items.findIndex((i) => i.id === state.current);
  select(items[(k + 1) % items.length].id);
});
$('#doc-select').addEventListener('change', (ev) => loadDoc(ev.target.value).catch((e) => banner(e.message)));
$('#show-all').addEventListener('change', (ev) => {
  state.showAll = ev.target.checked;
  renderList();
});
$('#help-btn').addEventListener('click', () => {
  $('#help').hidden = !$('#help').hidden;
});

loadDocs().catch((e) => banner(`Could not load: ${e.message}`));
