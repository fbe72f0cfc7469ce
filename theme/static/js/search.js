/* Offline search for the digest: MiniSearch over the index in search-index.js.
 *
 * Both scripts are loaded with <script src>, so this works from file:// with
 * no fetch and no server. Results are built with DOM calls (textContent),
 * never innerHTML: titles and text come from the seeds and are data.
 */
(function () {
  "use strict";

  var SNIPPET_RADIUS = 90;
  var MAX_RESULTS = 50;
  var PROMPT = "Type a word, or choose a tag or source.";

  var form = document.getElementById("search-form");
  var query = document.getElementById("search-q");
  var tagSelect = document.getElementById("search-tag");
  var sourceSelect = document.getElementById("search-source");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!form || !list) return;

  var data = window.DIGEST_SEARCH_INDEX;
  if (!data || typeof window.MiniSearch !== "function") {
    status.textContent = "The search index did not load: rebuild the site.";
    return;
  }

  var root = (list.getAttribute("data-root") || ".").replace(/\/$/, "");
  var documents = {};
  var records = data.documents.map(function (doc) {
    documents[doc.id] = doc;
    return {
      id: doc.id,
      title: doc.title,
      body: doc.body,
      tags: doc.tags.join(" "),
      source: doc.source,
      authors: doc.authors.join(" "),
      entities: doc.entities,
      notes: doc.notes
    };
  });

  var index = new window.MiniSearch({
    fields: ["title", "body", "tags", "source", "authors", "entities", "notes"],
    searchOptions: {
      boost: { title: 3, tags: 2, entities: 2, notes: 1.5 },
      // Short words match exactly: "doj" must not find every "do".
      prefix: function (term) { return term.length > 2; },
      fuzzy: function (term) { return term.length > 4 ? 0.2 : false; },
      combineWith: "AND"
    }
  });
  index.addAll(records);

  function matchesFilters(doc, tag, source) {
    return (!tag || doc.tags.indexOf(tag) !== -1) && (!source || doc.source === source);
  }

  function newestFirst(a, b) {
    return (b.date || "").localeCompare(a.date || "");
  }

  /* The body around the first matched term, cut at word boundaries. */
  function snippet(doc, terms) {
    var text = doc.body;
    var lower = text.toLowerCase();
    var at = -1;
    terms.forEach(function (term) {
      var found = lower.indexOf(term);
      if (found !== -1 && (at === -1 || found < at)) at = found;
    });
    if (at === -1) {
      if (doc.summary) return doc.summary;
      at = 0;
    }
    return cutAtWords(text, Math.max(0, at - SNIPPET_RADIUS), at + SNIPPET_RADIUS);
  }

  /* text[start:end], widened to whole words at the start and narrowed at the end. */
  function cutAtWords(text, start, end) {
    if (start > 0 && !/\s/.test(text.charAt(start - 1))) {
      var space = text.slice(0, start).search(/\S+$/);
      start = space === -1 ? start : space;
    }
    if (end >= text.length) {
      end = text.length;
    } else {
      var last = text.slice(start, end + 1).search(/\s\S*$/);
      if (last > 0) end = start + last;
    }
    return (start > 0 ? "… " : "") + text.slice(start, end).trim() + (end < text.length ? " …" : "");
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /* Append text to parent with the matched terms in <mark>. */
  function appendMarked(parent, text, terms) {
    if (!terms.length) {
      parent.appendChild(document.createTextNode(text));
      return;
    }
    var pattern = new RegExp("(" + terms.map(escapeRegExp).join("|") + ")", "gi");
    text.split(pattern).forEach(function (part, i) {
      if (i % 2 === 1) {
        var mark = document.createElement("mark");
        mark.textContent = part;
        parent.appendChild(mark);
      } else if (part) {
        parent.appendChild(document.createTextNode(part));
      }
    });
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function resultItem(doc, terms) {
    var item = element("li", "result");
    var heading = element("h2", "result-title");
    var link = element("a");
    link.setAttribute("href", root + "/" + doc.url);
    appendMarked(link, doc.title, terms);
    heading.appendChild(link);
    item.appendChild(heading);

    var date = doc.date_status === "inferred" ? "≈ " + doc.date_label + " (inferred)" : doc.date_label;
    var authors = doc.authors.length ? "by " + doc.authors.join(", ") : "";
    item.appendChild(element("p", "result-meta", [doc.source, authors, date].filter(Boolean).join(" · ")));

    var text = element("p", "result-snippet");
    appendMarked(text, snippet(doc, terms), terms);
    item.appendChild(text);

    if (doc.tags.length) {
      var tags = element("ul", "tags");
      doc.tags.forEach(function (tag) {
        var a = element("a", "tag", tag);
        a.setAttribute("href", "?tag=" + encodeURIComponent(tag));
        var li = element("li");
        li.appendChild(a);
        tags.appendChild(li);
      });
      item.appendChild(tags);
    }
    return item;
  }

  function hitsFor(words, tag, source) {
    if (!words) {
      return data.documents
        .filter(function (doc) { return matchesFilters(doc, tag, source); })
        .sort(newestFirst)
        .map(function (doc) { return { doc: doc, terms: [] }; });
    }
    return index
      .search(words, { filter: function (r) { return matchesFilters(documents[r.id], tag, source); } })
      .map(function (r) { return { doc: documents[r.id], terms: r.terms }; });
  }

  function run() {
    var words = query.value.trim();
    var tag = tagSelect ? tagSelect.value : "";
    var source = sourceSelect ? sourceSelect.value : "";
    list.textContent = "";
    if (!words && !tag && !source) {
      status.textContent = PROMPT;
      return;
    }
    var hits = hitsFor(words, tag, source);
    var shown = hits.slice(0, MAX_RESULTS);
    shown.forEach(function (hit) { list.appendChild(resultItem(hit.doc, hit.terms)); });
    var count = hits.length === 1 ? "1 article" : hits.length + " articles";
    status.textContent = hits.length
      ? count + (hits.length > shown.length ? ", showing the first " + shown.length : "") + "."
      : "No article matches. Try fewer or shorter words, or another tag or source.";
  }

  function selectValue(select, value) {
    if (!select || !value) return;
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) select.selectedIndex = i;
    }
  }

  var params = new URLSearchParams(window.location.search);
  query.value = params.get("q") || "";
  selectValue(tagSelect, params.get("tag"));
  selectValue(sourceSelect, params.get("source"));

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
  query.addEventListener("input", run);
  [tagSelect, sourceSelect].forEach(function (select) {
    if (select) select.addEventListener("change", run);
  });
  run();
})();
