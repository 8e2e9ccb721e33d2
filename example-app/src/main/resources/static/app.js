'use strict';

const $ = (id) => document.getElementById(id);
let info = null;

function setState(state) {
  document.body.dataset.state = state;
}

function splitPassages(text) {
  return text.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p.length > 0);
}

function fillExample(example) {
  $('query').value = example.query;
  $('passages').value = example.passages.map((p) => p.text).join('\n\n');
}

function numberOrNull(id) {
  const value = $(id).value.trim();
  return value === '' ? null : Number(value);
}

function formatScore(score, kind) {
  if (score === null || score === undefined) return '–';
  return kind === 'fused RRF score' ? score.toFixed(4) : score.toFixed(3);
}

// Similarities and rerank probabilities fill the bar on a 0..1 scale; fused RRF scores
// (about 0.03 at best) are scaled to the column's best score instead.
function barWidth(score, scale) {
  if (score === null || score === undefined || scale <= 0) return 0;
  return Math.max(0, Math.min(1, score / scale)) * 100;
}

function barScale(passages, kind) {
  if (kind === 'similarity' || kind === 'rerank') return 1;
  return Math.max(0, ...passages.map((p) => p.score ?? 0));
}

function passageItem(passage, reranked, kind, scale) {
  const li = document.createElement('li');
  li.className = 'passage' + (reranked && !passage.kept ? ' cut' : '');
  li.dataset.id = passage.id;
  li.dataset.rank = passage.rank;
  li.dataset.firstRank = passage.firstStageRank;

  const rank = document.createElement('span');
  rank.className = 'rank';
  rank.textContent = passage.rank;
  li.appendChild(rank);

  const text = document.createElement('span');
  text.className = 'text';
  const windows = passage.metadata ? passage.metadata.rerank_windows : undefined;
  if (reranked && windows > 1) {
    // max-passage: mark the window that scored the passage.
    const start = passage.metadata.rerank_best_window_start;
    const end = passage.metadata.rerank_best_window_end;
    const mark = document.createElement('mark');
    mark.textContent = passage.text.substring(start, end);
    text.append(passage.text.substring(0, start), mark, passage.text.substring(end));
    li.dataset.windows = windows;
  } else {
    text.textContent = passage.text;
  }
  li.appendChild(text);

  const meta = document.createElement('span');
  meta.className = 'meta';
  const bar = document.createElement('span');
  bar.className = 'bar';
  const fill = document.createElement('span');
  fill.style.width = barWidth(passage.score, scale) + '%';
  if (scale !== 1) bar.title = 'relative to the best ' + kind + ' in this column';
  bar.appendChild(fill);
  meta.appendChild(bar);
  const score = document.createElement('span');
  score.className = 'score';
  score.textContent = kind + ' ' + formatScore(passage.score, kind);
  meta.appendChild(score);

  if (reranked) {
    const move = document.createElement('span');
    const delta = passage.movement;
    move.className = 'move ' + (delta > 0 ? 'up' : delta < 0 ? 'down' : 'same');
    move.textContent = delta > 0 ? '↑' + delta : delta < 0 ? '↓' + (-delta) : '=';
    move.title = 'first stage #' + passage.firstStageRank;
    li.dataset.movement = delta;
    meta.insertBefore(move, meta.firstChild);
    if (!passage.kept) {
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = 'cut';
      meta.appendChild(badge);
    }
    if (windows > 1) {
      const badge = document.createElement('span');
      badge.className = 'badge windows';
      badge.textContent = 'best of ' + windows + ' windows';
      meta.appendChild(badge);
    }
  }
  li.appendChild(meta);
  return li;
}

function contextItem(entry, passages) {
  const passage = passages.find((p) => p.id === entry.id);
  const li = document.createElement('li');
  li.className = 'passage';
  li.dataset.id = entry.id;
  li.dataset.rank = entry.rank;
  li.dataset.tokens = entry.tokens;
  const rank = document.createElement('span');
  rank.className = 'rank';
  rank.textContent = '#' + entry.rank;
  rank.title = 'rank in the reranked order';
  const text = document.createElement('span');
  text.className = 'text';
  text.textContent = passage ? passage.text : entry.id;
  const tokens = document.createElement('span');
  tokens.className = 'meta';
  tokens.textContent = entry.tokens + ' tokens';
  li.append(rank, text, tokens);
  return li;
}

function renderContext(result) {
  const context = result.context;
  $('context').replaceChildren(...context.passages.map((entry) => contextItem(entry, result.reranked)));
  const budget = context.tokenBudget === null ? 'no token budget' : 'token budget ' + context.tokenBudget;
  $('context-label').textContent = context.passages.length + ' passages, ' + context.tokens + ' tokens · '
    + context.ordering + ' order · ' + budget + ' · long documents: ' + context.longDocuments
    + (context.window === null ? '' : ' (window ' + context.window + ')');
}

function render(result) {
  const first = $('first-stage');
  const reranked = $('reranked');
  const firstKind = result.firstStageScoreKind;
  const firstScale = barScale(result.firstStageResults, firstKind);
  first.replaceChildren(...result.firstStageResults.map((p) => passageItem(p, false, firstKind, firstScale)));
  reranked.replaceChildren(...result.reranked.map((p) => passageItem(p, true, 'rerank', 1)));
  $('first-stage-label').textContent = result.firstStage;
  const cut = result.minScore === null ? 'no min-score' : 'min-score ' + result.minScore;
  $('reranked-label').textContent = result.model + ' (' + result.provider + '), top-' + result.topN + ', ' + cut
    + (result.fallback ? ' (reranking FAILED: first-stage order kept)' : '');
  renderContext(result);
  const t = result.timings;
  $('timings').textContent = 'first stage ' + t.firstStageMs.toFixed(1) + ' ms · rerank '
    + t.rerankMs.toFixed(1) + ' ms · total ' + t.totalMs.toFixed(1) + ' ms';
}

async function call(request) {
  $('error').hidden = true;
  setState('running');
  document.querySelectorAll('button').forEach((b) => { b.disabled = true; });
  try {
    const response = await fetch(request.url, request.options);
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(body.detail || ('HTTP ' + response.status));
    }
    render(body);
    setState('done');
  } catch (e) {
    $('error').textContent = e.message;
    $('error').hidden = false;
    setState('error');
  } finally {
    document.querySelectorAll('button').forEach((b) => { b.disabled = false; });
  }
}

// The context steps the page lets a request choose; the window only with max-passage.
function contextChoices() {
  const choices = {
    ordering: $('ordering').value,
    tokenBudget: numberOrNull('token-budget'),
    longDocuments: $('long-documents').value,
  };
  const size = numberOrNull('window');
  if (choices.longDocuments === 'max-passage' && size !== null) choices.window = size;
  return choices;
}

function rerankPassages() {
  return call({
    url: 'api/rerank',
    options: {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        query: $('query').value,
        passages: splitPassages($('passages').value),
        topN: numberOrNull('top-n'),
        minScore: numberOrNull('min-score'),
        ...contextChoices(),
      }),
    },
  });
}

function searchIndex() {
  const params = new URLSearchParams({ q: $('query').value });
  const candidates = numberOrNull('candidates');
  const topN = numberOrNull('top-n');
  const minScore = numberOrNull('min-score');
  if (candidates !== null) params.set('candidates', candidates);
  if (topN !== null) params.set('topN', topN);
  if (minScore !== null) params.set('minScore', minScore);
  Object.entries(contextChoices()).forEach(([key, value]) => {
    if (value !== null) params.set(key, value);
  });
  return call({ url: 'api/search?' + params, options: {} });
}

async function init() {
  try {
    const response = await fetch('api/info');
    info = await response.json();
  } catch (e) {
    $('info').textContent = 'Cannot reach the API: ' + e.message;
    setState('error');
    return;
  }
  const kind = info.provider === 'embedding'
    ? ' (bi-encoder rescoring, not a cross-encoder: it embeds each passage before it sees the query, so'
      + ' words such as "not" carry little weight)'
    : '';
  $('info').textContent = 'Reranker: ' + info.model + ', provider ' + info.provider + kind
    + ' · first stage: ' + info.firstStage
    + ' · chat model: ' + (info.chatModel ? 'configured' : 'none (POST /api/ask answers 503)');
  $('top-n').value = info.topN;
  $('min-score').value = info.minScore === null ? '' : info.minScore;
  $('candidates').value = info.candidates;
  $('ordering').value = info.context.ordering;
  $('token-budget').value = info.context.tokenBudget === null ? '' : info.context.tokenBudget;
  $('long-documents').value = info.context.longDocuments;
  $('window').value = info.context.window === null ? '' : info.context.window;
  const select = $('example');
  info.examples.forEach((example, i) => {
    const option = document.createElement('option');
    option.value = i;
    option.textContent = example.title;
    select.appendChild(option);
  });
  select.addEventListener('change', () => fillExample(info.examples[select.value]));
  if (info.examples.length > 0) fillExample(info.examples[0]);
  $('rerank-button').addEventListener('click', rerankPassages);
  $('search-button').addEventListener('click', searchIndex);
  $('query').addEventListener('keydown', (e) => { if (e.key === 'Enter') rerankPassages(); });
  setState('ready');
  // Open with a result rather than two empty columns.
  if (info.examples.length > 0) rerankPassages();
}

init();
