/* gongkai site search. Runs on search/index.html only, with the index that search-index.js sets
   as window.GONGKAI_SEARCH (see "Search index" in docs/templates.md). Chinese text is split into
   character bigrams (and single characters, for one-character queries), other scripts into
   lower-cased words; documents are ranked by the query grams they contain, weighted by the field
   they are found in. Works on file:// (no fetch) and needs no framework. */
(function () {
  'use strict';

  var box = document.getElementById('search-results');
  var input = document.getElementById('search-q');
  var form = document.getElementById('search-form');
  var index = window.GONGKAI_SEARCH;
  if (!box || !input || !index || !Array.isArray(index.docs)) return;

  var list = document.getElementById('search-list');
  var status = document.getElementById('search-status');
  var root = box.getAttribute('data-root') || '';
  var yearSuffix = box.getAttribute('data-year-suffix') || '';
  var MAX_RESULTS = 50;
  var SNIPPET_CHARS = 120;
  var WEIGHTS = { t: 4, d: 2, k: 2, o: 1 };
  var HAN = /\p{Script=Han}/u;
  var WORD = /[\p{L}\p{N}]/u;
  var prepared = null;

  /** Splits text into runs of Han characters and runs of other letters or digits. */
  function runs(text) {
    var out = [];
    var current = '';
    var currentHan = false;
    Array.from(String(text || '').normalize('NFKC').toLowerCase()).forEach(function (ch) {
      var han = HAN.test(ch);
      var word = !han && WORD.test(ch);
      if ((han || word) && current && han === currentHan) {
        current += ch;
        return;
      }
      if (current) out.push({ text: current, han: currentHan });
      current = han || word ? ch : '';
      currentHan = han;
    });
    if (current) out.push({ text: current, han: currentHan });
    return out;
  }

  /** The grams of a query: bigrams of Han runs (a lone character stays itself), and words. */
  function queryGrams(text) {
    var grams = [];
    runs(text).forEach(function (run) {
      var chars = Array.from(run.text);
      if (!run.han || chars.length === 1) {
        grams.push(run.text);
        return;
      }
      for (var i = 0; i + 1 < chars.length; i++) grams.push(chars[i] + chars[i + 1]);
    });
    return grams.filter(function (g, i) { return grams.indexOf(g) === i; });
  }

  /** Every gram a document field can match: Han characters and bigrams, and words. */
  function fieldGrams(text, words) {
    var set = new Set();
    runs(text).forEach(function (run) {
      if (!run.han) {
        set.add(run.text);
        if (words) words.push(run.text);
        return;
      }
      var chars = Array.from(run.text);
      for (var i = 0; i < chars.length; i++) {
        set.add(chars[i]);
        if (i + 1 < chars.length) set.add(chars[i] + chars[i + 1]);
      }
    });
    return set;
  }

  function prepare() {
    return index.docs.map(function (doc, order) {
      var words = [];
      var other = [doc.x, doc.s, doc.y ? String(doc.y) : ''].join(' ');
      return {
        doc: doc,
        order: order,
        fields: { t: fieldGrams(doc.t, words), d: fieldGrams(doc.d, words), k: fieldGrams(doc.k, words), o: fieldGrams(other, words) },
        words: words
      };
    });
  }

  /** The weight with which a document contains a gram (0 when it does not). */
  function gramWeight(entry, gram, isWord) {
    var best = 0;
    Object.keys(WEIGHTS).forEach(function (f) {
      if (entry.fields[f].has(gram)) best = Math.max(best, WEIGHTS[f]);
    });
    if (!best && isWord && gram.length > 1) {
      var prefixed = entry.words.some(function (w) { return w.indexOf(gram) === 0; });
      if (prefixed) best = WEIGHTS.o;
    }
    return best;
  }

  function search(query) {
    if (!prepared) prepared = prepare();
    var grams = queryGrams(query);
    if (!grams.length) return { grams: grams, hits: [] };
    var isWord = grams.map(function (g) { return !HAN.test(g); });
    var scored = prepared.map(function (entry) {
      var score = 0;
      var matched = 0;
      grams.forEach(function (g, i) {
        var w = gramWeight(entry, g, isWord[i]);
        if (w) { score += w; matched++; }
      });
      return { entry: entry, score: score, matched: matched };
    }).filter(function (r) { return r.matched > 0; });
    var needed = Math.ceil(grams.length / 2);
    var strong = scored.filter(function (r) { return r.matched >= needed; });
    var hits = (strong.length ? strong : scored).sort(function (a, b) {
      return b.matched - a.matched || b.score - a.score || a.entry.order - b.entry.order;
    });
    return { grams: grams, hits: hits };
  }

  /** Appends text to a parent, wrapping the parts that match a query gram in <mark>. */
  function appendMarked(parent, text, grams) {
    text = String(text || '');
    var lower = text.toLowerCase();
    var marked = new Array(text.length).fill(false);
    grams.forEach(function (g) {
      for (var at = lower.indexOf(g); at >= 0; at = lower.indexOf(g, at + 1)) {
        for (var i = at; i < at + g.length; i++) marked[i] = true;
      }
    });
    var start = 0;
    for (var i = 1; i <= text.length; i++) {
      if (i < text.length && marked[i] === marked[start]) continue;
      var part = text.slice(start, i);
      if (marked[start]) {
        var mark = document.createElement('mark');
        mark.textContent = part;
        parent.appendChild(mark);
      } else {
        parent.appendChild(document.createTextNode(part));
      }
      start = i;
    }
  }

  function element(tag, className, parent) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (parent) parent.appendChild(el);
    return el;
  }

  function renderHit(doc, grams) {
    var li = element('li', 'search-result');
    var link = element('a', '', element('p', 'search-result__title', li));
    link.href = root + doc.u;
    appendMarked(link, doc.t, grams);
    var meta = element('p', 'search-result__meta', li);
    if (doc.k) element('span', 'tag' + (doc.c ? ' tag--' + doc.c : ''), meta).textContent = doc.k;
    if (doc.d) element('span', '', meta).textContent = doc.d;
    if (doc.y) element('span', '', meta).textContent = doc.y + yearSuffix;
    if (doc.x) appendMarked(element('p', 'search-result__snippet', li), snippet(doc.x, grams), grams);
    return li;
  }

  /** At most SNIPPET_CHARS characters of text, starting a little before the first match. */
  function snippet(text, grams) {
    var chars = Array.from(String(text));
    if (chars.length <= SNIPPET_CHARS) return chars.join('');
    var lower = chars.join('').toLowerCase();
    var first = -1;
    grams.forEach(function (g) {
      var at = lower.indexOf(g);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    });
    var start = first > 30 ? Array.from(lower.slice(0, first)).length - 30 : 0;
    var end = Math.min(chars.length, start + SNIPPET_CHARS);
    return (start > 0 ? '…' : '') + chars.slice(start, end).join('') + (end < chars.length ? '…' : '');
  }

  function message(name, values) {
    return (box.getAttribute('data-' + name) || '').replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? values[key] : all;
    });
  }

  function show(query) {
    list.textContent = '';
    query = query.trim();
    if (!query) {
      status.textContent = message('prompt', {});
      return;
    }
    var result = search(query);
    if (!result.hits.length) {
      status.textContent = message('none', { q: query });
      return;
    }
    status.textContent = message('found', { n: result.hits.length, q: query });
    result.hits.slice(0, MAX_RESULTS).forEach(function (hit) {
      list.appendChild(renderHit(hit.entry.doc, result.grams));
    });
  }

  function remember(query) {
    try {
      history.replaceState(null, '', query ? '?q=' + encodeURIComponent(query) : location.pathname);
    } catch (e) {
      /* some browsers refuse to change the address of a file:// page; the results still show */
    }
  }

  var timer = 0;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      show(input.value);
      remember(input.value.trim());
    }, 150);
  });
  if (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      clearTimeout(timer);
      show(input.value);
      remember(input.value.trim());
    });
  }

  var initial = new URLSearchParams(location.search).get('q') || '';
  input.value = initial;
  show(initial);
})();
