/* gongkai site search (docs/search.md). Runs on search/index.html with the root of the sharded
   index, search/root.js, which a <script> sets as window.GONGKAI_SEARCH_ROOT. A query is cut into
   terms as the generator cut the pages (Han bigrams, lower-cased words, numbers by their
   integer part); each term's shard, search/shards/K.js, is loaded through a <script> element (so
   that it works on file://, where fetch() is refused), then the fragments of the pages shown,
   DIR/search-page.js, for their titles, the parts that match and snippets. No framework. */
(function () {
  'use strict';

  var box = document.getElementById('search-results');
  var input = document.getElementById('search-q');
  var form = document.getElementById('search-form');
  var index = window.GONGKAI_SEARCH_ROOT;
  if (!box || !input || !index || !Array.isArray(index.depts) || !Array.isArray(index.codes)) return;

  var list = document.getElementById('search-list');
  var status = document.getElementById('search-status');
  var more = document.getElementById('search-more');
  var filters = document.getElementById('search-filters');
  var yearSelect = document.getElementById('search-year');
  var kindSelect = document.getElementById('search-kind');
  var deptSelect = document.getElementById('search-dept');
  var root = box.getAttribute('data-root') || '';
  var yearSuffix = box.getAttribute('data-year-suffix') || '';
  var PAGE_SIZE = 10;
  /** Candidates whose fragments are read to put an exact phrase first: one page of results. */
  var RERANK = PAGE_SIZE;
  var PARTS_SHOWN = 3;
  var SNIPPET_CHARS = 110;
  var FIELD_WEIGHT = [0, 1, 4, 4, 10, 10, 10, 10];
  var DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
  var DIGIT_VALUE = {};
  for (var d = 0; d < DIGITS.length; d++) DIGIT_VALUE[DIGITS[d]] = d;

  /* ---------- the pages of the index ---------- */

  /** One number of the index's base-64 varints, read from `text` at `state.at`. */
  function readVarint(text, state) {
    var value = 0;
    var scale = 1;
    var digit;
    do {
      digit = DIGIT_VALUE[text[state.at++]];
      value += (digit & 31) * scale;
      scale *= 32;
    } while (digit >= 32 && state.at < text.length);
    return value;
  }

  /** The departments' slugs and code lists: each is written as the length it shares with the
      previous slug, the index of its code list, then the rest of its slug. */
  function departments() {
    var slug = '';
    return index.depts.map(function (written) {
      var state = { at: 0 };
      var shared = readVarint(written, state);
      var codes = index.codes[readVarint(written, state)];
      slug = slug.slice(0, shared) + written.slice(state.at);
      return [slug, codes];
    });
  }

  /** Every page: its department (index), type, year and folder, in the index's order. */
  var pages = (function () {
    var out = [];
    var width = index.width || 2;
    var span = width === 2 ? 512 : 32768;
    departments().forEach(function (dept, di) {
      var codes = dept[1];
      for (var k = 0; k + width <= codes.length; k += width) {
        var code = 0;
        for (var c = 0; c < width; c++) code = code * 64 + DIGIT_VALUE[codes[k + c]];
        var type = Math.floor(code / span);
        var year = type === 0 ? 0 : index.first_year + (code % span);
        var folder = type === 0 ? dept[0] + '/' : dept[0] + '/' + year + '/' + index.types[type][1];
        out.push({ dept: di, type: type, year: year, dir: folder });
      }
    });
    return out;
  })();

  /* ---------- loading scripts ---------- */

  var loaded = {};
  var shards = {};
  var fragments = {};
  var departmentNames = null;
  window.GONGKAI_SEARCH_SHARD = function (k, data) { shards[k] = data; };
  /** A fragment as loaded; a row anchor written as "-REST" extends its table's anchor. */
  window.GONGKAI_SEARCH_PAGE = function (dir, data) {
    (data.e || []).forEach(function (entry) {
      (entry[4] || []).forEach(function (row) {
        if (row[0].charAt(0) === '-') row[0] = entry[0] + row[0];
      });
    });
    fragments[dir] = data;
  };
  window.GONGKAI_SEARCH_DEPARTMENTS = function (names) { departmentNames = names; };

  /** Loads a script of the index once; resolves when it has run, or failed (a missing file
      leaves its data out rather than the whole search). */
  function load(path) {
    if (!loaded[path]) {
      loaded[path] = new Promise(function (resolve) {
        var script = document.createElement('script');
        script.src = root + path;
        script.onload = script.onerror = function () { resolve(); };
        document.head.appendChild(script);
      });
    }
    return loaded[path];
  }

  /* ---------- terms: the same cut as generator/render/search_terms.cc ---------- */

  function isHan(c) {
    return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
      (c >= 0x20000 && c <= 0x3134F);
  }

  function isOtherLetter(c) {
    if (c < 0xC0 || c === 0xD7 || c === 0xF7) return false;
    if (c >= 0x2000 && c <= 0x2BFF) return false;
    if (c >= 0x3000 && c <= 0x303F) return false;
    if (c >= 0xFE30 && c <= 0xFE4F) return false;
    if (c >= 0xFF00 && c <= 0xFFEF) return false;
    return c !== 0xFFFD && !(c >= 0xE000 && c <= 0xF8FF);
  }

  /** 'd' digit, 'l' letter, 'h' Han, '' separator. */
  function classify(c) {
    if (c >= 48 && c <= 57) return 'd';
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return 'l';
    if (isHan(c)) return 'h';
    return isOtherLetter(c) ? 'l' : '';
  }

  function characters(text) {
    return Array.from(String(text || '')).map(function (ch) {
      var c = ch.codePointAt(0);
      if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
      return { c: c, ch: String.fromCodePoint(c), kind: classify(c) };
    });
  }

  /** Where the bigrams of the Han run [start, end) of a query begin. A run of six characters
      or more takes every other pair, and the last: 公务用车运行维护费 needs 公务 用车 运行 维护 护费,
      not all eight pairs, and so loads five shards instead of eight. Those pages hold every
      character of the run in pairs; the phrase itself is checked when the first results are
      ranked (phraseFirst). Shorter runs keep every pair, so that one mistyped character still
      leaves most of them. */
  function hanTerms(chars, start, end) {
    var out = [];
    var step = end - start >= 6 ? 2 : 1;
    for (var k = start; k + 1 < end; k += step) out.push(k);
    if (out[out.length - 1] !== end - 2 && end - start >= 2) out.push(end - 2);
    return out;
  }

  /** The terms of a query, repeats removed, in order; each {text, number}. */
  function terms(text) {
    var chars = characters(text);
    var out = [];
    var seen = {};
    function take(term, number) {
      if (term && !seen[term]) { seen[term] = true; out.push({ text: term, number: number }); }
    }
    var i = 0;
    while (i < chars.length) {
      var kind = chars[i].kind;
      if (kind === 'd') {
        var raw = '';
        var point = false;
        while (i < chars.length) {
          var ch = chars[i].ch;
          var nextDigit = i + 1 < chars.length && chars[i + 1].kind === 'd';
          if (chars[i].kind === 'd') raw += ch;
          else if (ch === ',' && nextDigit && !point) { /* a grouping comma */ }
          else if (ch === '.' && nextDigit && !point) { raw += '.'; point = true; }
          else break;
          i++;
        }
        take(raw.split('.')[0], true);
        continue;
      }
      var end = i;
      while (end < chars.length && chars[end].kind === kind) end++;
      if (kind === 'l') {
        take(chars.slice(i, end).map(function (x) { return x.ch; }).join('').replace(/[A-Z]/g, function (a) {
          return a.toLowerCase();
        }), false);
      } else if (kind === 'h') {
        hanTerms(chars, i, end).forEach(function (k) { take(chars[k].ch + chars[k + 1].ch, false); });
      }
      i = end > i ? end : i + 1;
    }
    return out;
  }

  var encoder = new TextEncoder();
  function shardOf(term) {
    var hash = 2166136261;
    encoder.encode(term).forEach(function (b) {
      hash = Math.imul((hash ^ b) >>> 0, 16777619) >>> 0;
    });
    return hash % index.shards;
  }

  /** Calls `visit(page, fields, at)` for each page of a term's postings, in page order; `at` is
      where the page's rows start in `encoded` (-1: none). The rows are skipped here and read
      (rowsAt) only for the pages shown: a common term has thousands of them. */
  function eachPosting(encoded, visit) {
    var state = { at: 0 };
    var page = -1;
    while (state.at < encoded.length) {
      var value = readVarint(encoded, state);
      page += Math.floor(value / 16);
      var at = -1;
      if (value & 8) {
        at = state.at;
        for (var n = 2 * readVarint(encoded, state); n > 0; n--) readVarint(encoded, state);
      }
      visit(page, value & 7, at);
    }
  }

  /** The [entry, row] pairs written at `at` of a term's postings. */
  function rowsAt(encoded, at) {
    var state = { at: at };
    var out = [];
    for (var n = readVarint(encoded, state); n > 0; n--) out.push([readVarint(encoded, state), readVarint(encoded, state)]);
    return out;
  }

  /* ---------- ranking ---------- */

  function filterState() {
    return {
      year: yearSelect ? yearSelect.value : '',
      kind: kindSelect ? kindSelect.value : '',
      dept: deptSelect ? deptSelect.value : ''
    };
  }

  /** The kind filter groups the three year-over-year types under one label. */
  function kindKey(type) { return index.types[type][0]; }

  function passes(page, f) {
    if (f.year && String(page.year) !== f.year) return false;
    if (f.kind && kindKey(page.type) !== f.kind) return false;
    if (f.dept && String(page.dept) !== f.dept) return false;
    return true;
  }

  /** Pages holding the query's terms: those holding them all first, then, when they are fewer
      than a page of results (for a query of three terms or more, where one mistyped character
      spoils two bigrams), those missing one or two;
      among equals the better fields (titles, then headings, tables and rows, then text), then a
      department's own page before its documents, then the newer year. */
  function rank(queryTerms, f) {
    var found = new Map();
    queryTerms.forEach(function (t) {
      var shard = shards[shardOf(t.text)];
      var encoded = shard && shard[t.text];
      if (!encoded) return;
      eachPosting(encoded, function (id, fields, at) {
        var entry = found.get(id);
        if (!entry) { entry = { id: id, matched: 0, score: 0, rows: [] }; found.set(id, entry); }
        entry.matched++;
        entry.score += FIELD_WEIGHT[fields];
        if (at >= 0) entry.rows.push(encoded, at);  // read by matchingParts
      });
    });
    var n = queryTerms.length;
    var complete = 0;
    found.forEach(function (entry) {
      if (entry.matched === n && passes(pages[entry.id], f)) complete++;
    });
    // Pages missing a term or two only when those holding all would not fill a page of results.
    var allowed = complete >= PAGE_SIZE ? 0 : n >= 4 ? 2 : n === 3 ? 1 : 0;
    var hits = [];
    found.forEach(function (entry) {
      if (entry.matched >= n - allowed && passes(pages[entry.id], f)) hits.push(entry);
    });
    hits.sort(function (a, b) {
      return b.matched - a.matched || b.score - a.score || (pages[a.id].type === 0 ? 0 : 1) - (pages[b.id].type === 0 ? 0 : 1) ||
        pages[b.id].year - pages[a.id].year || a.id - b.id;
    });
    return hits;
  }

  /* ---------- matching within a page ---------- */

  /** [start, end) ranges of `text` where a term occurs (numbers with or without commas). */
  function ranges(text, queryTerms) {
    var lower = String(text).toLowerCase();
    var out = [];
    queryTerms.forEach(function (t) {
      if (t.number) {
        var pattern = new RegExp('(^|[^0-9,.])(' + t.text.split('').join(',?') + ')(?![0-9]|,[0-9])', 'g');
        var m;
        while ((m = pattern.exec(lower))) out.push([m.index + m[1].length, m.index + m[0].length]);
        return;
      }
      for (var at = lower.indexOf(t.text); at >= 0; at = lower.indexOf(t.text, at + 1)) out.push([at, at + t.text.length]);
    });
    return out.sort(function (a, b) { return a[0] - b[0]; });
  }

  function phraseOf(query) {
    return String(query).toLowerCase().replace(/\s+/g, ' ').trim();
  }

  /** How well a part of a page matches: the exact phrase counts most, then each term. */
  function partScore(texts, queryTerms, phrase) {
    var score = 0;
    texts.forEach(function (text, i) {
      if (!text) return;
      var lower = String(text).toLowerCase();
      if (phrase && lower.indexOf(phrase) >= 0) score += i === 0 ? 40 : 20;
      score += ranges(text, queryTerms).length > 0 ? (i === 0 ? 4 : 1) * countTerms(text, queryTerms) : 0;
    });
    return score;
  }

  function countTerms(text, queryTerms) {
    return queryTerms.filter(function (t) { return ranges(text, [t]).length > 0; }).length;
  }

  /** The parts of a page (sections, tables and their rows) that best match, at most `limit`. */
  function matchingParts(fragment, hit, queryTerms, phrase) {
    var parts = [];
    var seen = {};
    var rows = [];
    for (var i = 0; i < hit.rows.length; i += 2) rows = rows.concat(rowsAt(hit.rows[i], hit.rows[i + 1]));
    rows.forEach(function (r) {
      var entry = fragment.e[r[0]];
      var row = entry && entry[4] && entry[4][r[1]];
      if (!row || seen[row[0]]) return;
      seen[row[0]] = true;
      parts.push({ score: 100, anchor: row[0], kind: entry[1], title: entry[2] + ' › ' + row[1], text: '' });
    });
    fragment.e.forEach(function (entry) {
      var score = partScore([entry[2], entry[3]], queryTerms, phrase);
      var best = null;
      (entry[4] || []).forEach(function (row) {
        var s = partScore([row[1]], queryTerms, phrase);
        if (s > 0 && (!best || s > best.score)) best = { score: s, row: row };
      });
      if (best && best.score >= score && !seen[best.row[0]]) {
        seen[best.row[0]] = true;
        parts.push({ score: best.score + 1, anchor: best.row[0], kind: entry[1], title: entry[2] + ' › ' + best.row[1], text: '' });
      } else if (score > 0 && !seen[entry[0]]) {
        seen[entry[0]] = true;
        parts.push({ score: score, anchor: entry[0], kind: entry[1], title: entry[2], text: entry[3] });
      }
    });
    return parts.sort(function (a, b) { return b.score - a.score; }).slice(0, PARTS_SHOWN);
  }

  /** True when the page states the query as typed, in one of its texts. */
  function hasPhrase(fragment, phrase) {
    if (!phrase) return false;
    var texts = [fragment.t, fragment.x];
    fragment.e.forEach(function (entry) {
      texts.push(entry[2], entry[3]);
      (entry[4] || []).forEach(function (row) { texts.push(row[1]); });
    });
    return texts.some(function (text) { return String(text || '').toLowerCase().indexOf(phrase) >= 0; });
  }

  /* ---------- showing results ---------- */

  function element(tag, className, parent) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (parent) parent.appendChild(el);
    return el;
  }

  function appendMarked(parent, text, queryTerms) {
    text = String(text || '');
    var marks = ranges(text, queryTerms);
    var at = 0;
    marks.forEach(function (m) {
      if (m[0] < at) { if (m[1] > at) { element('mark', '', parent).textContent = text.slice(at, m[1]); at = m[1]; } return; }
      if (m[0] > at) parent.appendChild(document.createTextNode(text.slice(at, m[0])));
      element('mark', '', parent).textContent = text.slice(m[0], m[1]);
      at = m[1];
    });
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
  }

  /** About SNIPPET_CHARS of text, from a little before its first match. */
  function snippet(text, queryTerms) {
    text = String(text || '');
    var marks = ranges(text, queryTerms);
    var start = marks.length && marks[0][0] > 20 ? marks[0][0] - 20 : 0;
    var end = Math.min(text.length, start + SNIPPET_CHARS);
    return (start > 0 ? '…' : '') + text.slice(start, end) + (end < text.length ? '…' : '');
  }

  function renderHit(hit, fragment, queryTerms, phrase) {
    var page = pages[hit.id];
    var li = element('li', 'search-result');
    var link = element('a', '', element('p', 'search-result__title', li));
    link.href = root + (fragment ? fragment.u : page.dir + 'index.html');
    appendMarked(link, fragment ? fragment.t : page.dir, queryTerms);
    var meta = element('p', 'search-result__meta', li);
    element('span', 'tag', meta).textContent = index.types[page.type][0];
    if (fragment && fragment.d) element('span', '', meta).textContent = fragment.d;
    if (page.year) element('span', '', meta).textContent = page.year + yearSuffix;
    if (!fragment) return li;
    var parts = matchingParts(fragment, hit, queryTerms, phrase);
    if (fragment.x && (!parts.length || ranges(fragment.x, queryTerms).length)) {
      appendMarked(element('p', 'search-result__snippet', li), snippet(fragment.x, queryTerms), queryTerms);
    }
    if (!parts.length) return li;
    var partList = element('ul', 'search-result__parts', li);
    parts.forEach(function (part) {
      var item = element('li', '', partList);
      element('span', 'search-result__part-kind', item).textContent = part.kind;
      var a = element('a', '', item);
      a.href = root + fragment.u + '#' + part.anchor;
      appendMarked(a, part.title, queryTerms);
      if (part.text && ranges(part.text, queryTerms).length) {
        item.appendChild(document.createTextNode(' — '));
        appendMarked(item, snippet(part.text, queryTerms), queryTerms);
      }
    });
    return li;
  }

  function message(name, values) {
    return (box.getAttribute('data-' + name) || '').replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? values[key] : all;
    });
  }

  /* ---------- one search ---------- */

  var current = { serial: 0, hits: [], shown: 0, terms: [], phrase: '' };

  function fragmentsOf(hits) {
    return Promise.all(hits.map(function (hit) { return load(pages[hit.id].dir + 'search-page.js'); }));
  }

  /** Shows the next PAGE_SIZE results of the current search; `focusFirst` moves the focus to
      the first of them (after "show more", so that a keyboard user continues there). */
  function showMore(serial, focusFirst) {
    var batch = current.hits.slice(current.shown, current.shown + PAGE_SIZE);
    return fragmentsOf(batch).then(function () {
      if (serial !== current.serial) return;
      var first = null;
      batch.forEach(function (hit) {
        var li = renderHit(hit, fragments[pages[hit.id].dir], current.terms, current.phrase);
        list.appendChild(li);
        if (!first) first = li.querySelector('a');
      });
      current.shown += batch.length;
      if (more) more.hidden = current.shown >= current.hits.length;
      if (focusFirst && first) first.focus();
    });
  }

  /** How a page states the query: 3 its title is the query, 2 its title holds it, 1 some text
      holds it, 0 only its terms are there. */
  function statement(fragment, phrase) {
    if (!fragment || !phrase) return 0;
    var title = phraseOf(fragment.t);
    if (title === phrase) return 3;
    if (title.indexOf(phrase) >= 0) return 2;
    return hasPhrase(fragment, phrase) ? 1 : 0;
  }

  /** The first results with the query as typed first: the leading candidates' fragments are
      read, and a page titled by the query, then one whose title holds it, then one whose text
      does, move ahead of those that only hold its terms (those by the length of their title). */
  function phraseFirst(hits, phrase, serial) {
    var head = hits.slice(0, RERANK);
    if (!phrase || head.length < 2) return Promise.resolve(hits);
    return fragmentsOf(head).then(function () {
      if (serial !== current.serial) return hits;
      var stated = head.map(function (hit) { return statement(fragments[pages[hit.id].dir], phrase); });
      var distance = head.map(function (hit) {
        var fragment = fragments[pages[hit.id].dir];
        return fragment ? Math.abs(Array.from(fragment.t).length - Array.from(phrase).length) : 1e9;
      });
      var order = head.map(function (hit, i) { return i; });
      // Among equals, the page whose title is nearest the query in length: a mistyped name
      // finds the department before every report that carries the name in its title.
      order.sort(function (a, b) {
        return head[b].matched - head[a].matched || stated[b] - stated[a] ||
          (stated[a] === 0 ? distance[a] - distance[b] : 0) || a - b;
      });
      return order.map(function (i) { return head[i]; }).concat(hits.slice(RERANK));
    });
  }

  /** One search, with the list marked busy (aria-busy) until its results are shown. */
  function run(query) {
    var serial = ++current.serial;
    list.setAttribute('aria-busy', 'true');
    return runSearch(query, serial).then(function () {
      if (serial === current.serial) list.removeAttribute('aria-busy');
    });
  }

  function runSearch(query, serial) {
    list.textContent = '';
    if (more) more.hidden = true;
    query = query.trim();
    if (!query) {
      status.textContent = message('prompt', {});
      return Promise.resolve();
    }
    var queryTerms = terms(query);
    if (!queryTerms.length) {
      status.textContent = message('short', {});
      return Promise.resolve();
    }
    var f = filterState();
    var needed = {};
    queryTerms.forEach(function (t) { needed[shardOf(t.text)] = true; });
    return Promise.all(Object.keys(needed).map(function (k) { return load('search/shards/' + k + '.js'); }))
      .then(function () {
        if (serial !== current.serial) return null;
        var phrase = phraseOf(query);
        return phraseFirst(rank(queryTerms, f), phrase, serial).then(function (hits) {
          if (serial !== current.serial) return null;
          current.hits = hits;
          current.shown = 0;
          current.terms = queryTerms;
          current.phrase = phrase;
          status.textContent = hits.length ? message('found', { n: hits.length, q: query }) : message('none', { q: query });
          return showMore(serial, false);
        });
      });
  }

  /* ---------- filters ---------- */

  function addOption(select, value, label) {
    var option = element('option', '', select);
    option.value = value;
    option.textContent = label;
  }

  function fillFilters(params) {
    if (!filters) return;
    var years = {};
    var kinds = {};
    pages.forEach(function (page) {
      if (page.year) years[page.year] = true;
      kinds[kindKey(page.type)] = true;
    });
    Object.keys(years).sort().reverse().forEach(function (y) { addOption(yearSelect, y, y + yearSuffix); });
    Object.keys(kinds).forEach(function (k) { addOption(kindSelect, k, k); });
    yearSelect.value = params.get('year') || '';
    kindSelect.value = params.get('kind') || '';
    filters.hidden = false;
  }

  /** The departments' names are a file of their own, loaded when the filter is first used. */
  function fillDepartments() {
    return load('search/departments.js').then(function () {
      if (!departmentNames || deptSelect.options.length > 1) return;
      departmentNames.forEach(function (name, i) { addOption(deptSelect, String(i), name); });
    });
  }

  function remember(query) {
    var params = new URLSearchParams();
    if (query) params.set('q', query);
    var f = filterState();
    Object.keys(f).forEach(function (key) { if (f[key]) params.set(key, f[key]); });
    var search = params.toString();
    try {
      history.replaceState(null, '', search ? '?' + search : location.pathname);
    } catch (e) {
      /* some browsers refuse to change the address of a file:// page; the results still show */
    }
  }

  function searchNow() {
    remember(input.value.trim());
    return run(input.value);
  }

  var timer = 0;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(searchNow, 120);
  });
  if (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      clearTimeout(timer);
      searchNow();
    });
  }
  [yearSelect, kindSelect, deptSelect].forEach(function (select) {
    if (select) select.addEventListener('change', searchNow);
  });
  if (deptSelect) {
    deptSelect.addEventListener('focus', fillDepartments);
    deptSelect.addEventListener('pointerdown', fillDepartments);
  }
  if (more) {
    more.addEventListener('click', function () { showMore(current.serial, true); });
  }

  var params = new URLSearchParams(location.search);
  fillFilters(params);
  input.value = params.get('q') || '';
  var ready = params.get('dept') ? fillDepartments().then(function () { deptSelect.value = params.get('dept'); }) : Promise.resolve();
  ready.then(function () { run(input.value); });
})();
