/* allegiance dashboard: fetches the JSON API and draws with the local plotly.js.
   Article text is only ever inserted with textContent, never as HTML. */
(function () {
  "use strict";
  var TOKEN = new URLSearchParams(window.location.search).get("token");

  function withToken(url) {
    if (!TOKEN) { return url; }
    return url + (url.indexOf("?") >= 0 ? "&" : "?") + "token=" + encodeURIComponent(TOKEN);
  }

  function api(path, params) {
    var q = new URLSearchParams();
    Object.keys(params || {}).forEach(function (k) {
      if (params[k] !== null && params[k] !== undefined && params[k] !== "") { q.set(k, params[k]); }
    });
    var url = withToken(path + (q.toString() ? "?" + q.toString() : ""));
    return fetch(url, { headers: { "Accept": "application/json" } }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) { throw new Error(body && body.error ? body.error : "HTTP " + r.status); }
        return body;
      });
    });
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function fmt(score) {
    return score === null || score === undefined ? "–" : (score >= 0 ? "+" : "") + score.toFixed(2);
  }

  function evDate(ev) {
    var d = ev.date;
    if (!d) { return ""; }
    if (typeof d === "string") { return d.slice(0, 10); }
    var s = d.start ? String(d.start).slice(0, 10) : "";
    var e = d.end ? String(d.end).slice(0, 10) : "";
    if (s && e && s !== e) {
      if (s.slice(5) === "01-01" && e.slice(5) === "12-31") {
        return s.slice(0, 4) === e.slice(0, 4) ? s.slice(0, 4) : s.slice(0, 4) + "–" + e.slice(0, 4);
      }
      return s + " – " + e;
    }
    return s;
  }

  function evLabel(ev) {
    var parts = [];
    if (ev.stance) { parts.push(ev.stance); } else if (ev.code) { parts.push("CAMEO " + ev.code); }
    if (ev.modality && ev.modality !== "asserted") { parts.push(ev.modality); }
    return parts.join(", ");
  }

  function dedupe(items) {
    var seen = {};
    return items.filter(function (e) {
      var k = [e.doc_id, e.sentence, e.sentence_text].join("|");
      if (seen[k]) { return false; }
      seen[k] = true;
      return true;
    });
  }

  function evidenceItem(ev, docs) {
    var li = el("li");
    var quote = el("div", { "class": "quote" }, ev.sentence_text || "(no sentence text)");
    li.appendChild(quote);
    var cite = el("div", { "class": "cite" });
    if (ev.doc_id) {
      var href = "/documents/" + encodeURIComponent(ev.doc_id);
      href = withToken(href) + (ev.span ? "#span-" + ev.span[0] : "");
      var doc = (docs || {})[ev.doc_id];
      var a = el("a", { href: href, "class": "doclink" }, doc && doc.title ? doc.title : "document " + ev.doc_id);
      cite.appendChild(a);
    } else if (ev.layer) {
      cite.appendChild(document.createTextNode("layer " + ev.layer));
    }
    var date = evDate(ev);
    if (date) { cite.appendChild(document.createTextNode(" · " + date + " ")); }
    var label = evLabel(ev);
    if (label) { cite.appendChild(el("span", { "class": "tag" }, label)); }
    li.appendChild(cite);
    return li;
  }

  /* -- overview: top shifts ------------------------------------------------------------ */
  var shiftsBox = document.getElementById("shifts");
  if (shiftsBox) {
    api("/api/shifts", { top: shiftsBox.getAttribute("data-top") || 8 }).then(function (res) {
      shiftsBox.textContent = "";
      var list = res.shifts || [];
      if (!list.length) { shiftsBox.appendChild(el("p", { "class": "muted" }, "No shifts found.")); return; }
      var ul = el("ul", { "class": "shifts" });
      var shown = {};
      list = list.filter(function (s) {  /* one line per pair: its strongest shift */
        var key = [s.a, s.b || ""].sort().join("|");
        if (shown[key]) { return false; }
        shown[key] = true;
        return true;
      }).slice(0, 8);
      list.forEach(function (s) {
        var li = el("li");
        var head = el("div", { "class": "headline" });
        if (s.b) {
          var link = el("a", { href: withToken("/dyad?a=" + encodeURIComponent(s.a) + "&b=" + encodeURIComponent(s.b)) }, s.headline || (s.a + "–" + s.b));
          head.appendChild(link);
        } else {
          head.textContent = s.headline || s.a;
        }
        li.appendChild(head);
        li.appendChild(el("div", { "class": "muted small" },
          s.kind + " · " + s.before.period + " " + fmt(s.before.score) + " → " + s.after.period + " " + fmt(s.after.score)));
        var ev = dedupe((s.evidence || []).filter(function (e) { return e.sentence_text; }));
        if (ev.length) {
          var box = el("ul", { "class": "evidence plain" });
          ev.slice(0, 2).forEach(function (e) { box.appendChild(evidenceItem(e, res.documents)); });
          li.appendChild(box);
        }
        ul.appendChild(li);
      });
      shiftsBox.appendChild(ul);
    }).catch(function (err) {
      shiftsBox.textContent = "";
      shiftsBox.appendChild(el("p", { "class": "error" }, err.message));
    });
  }

  /* -- dyad explorer ------------------------------------------------------------------- */
  var dyadPlot = document.getElementById("dyad-plot");
  if (dyadPlot && window.Plotly) {
    var status = document.getElementById("dyad-status");
    var list = document.getElementById("evidence-list");
    var hint = document.getElementById("evidence-hint");
    api("/api/figures/dyad", {
      a: dyadPlot.getAttribute("data-a"), b: dyadPlot.getAttribute("data-b"),
      by: dyadPlot.getAttribute("data-by")
    }).then(function (res) {
      var series = res.dyad.series || [];
      var withData = series.filter(function (p) { return p.score !== null; }).length;
      status.textContent = withData ? withData + " periods scored · click a point for the sentences behind it"
        : "No evidence about this pair in the database.";
      return Plotly.newPlot(dyadPlot, res.figure.data, res.figure.layout, res.figure.config).then(function () {
        dyadPlot.on("plotly_click", function (ev) {
          if (!ev.points || !ev.points.length) { return; }
          var period = String(ev.points[0].x);
          var point = series.filter(function (p) { return String(p.period) === period; })[0];
          list.textContent = "";
          if (!point) { return; }
          hint.textContent = period + ": score " + fmt(point.score) + ", " + point.events + " events";
          var items = dedupe(point.evidence || []);
          if (!items.length) { list.appendChild(el("li", { "class": "muted" }, "No records in this period (the score carries over from earlier evidence).")); }
          items.forEach(function (e) { list.appendChild(evidenceItem(e, res.documents)); });
        });
        dyadPlot.setAttribute("data-ready", "1");
      });
    }).catch(function (err) {
      status.textContent = "";
      status.appendChild(el("span", { "class": "error" }, err.message));
    });
  }

  /* -- bloc map ------------------------------------------------------------------------ */
  var blocsPlot = document.getElementById("blocs-plot");
  if (blocsPlot && window.Plotly) {
    var bstatus = document.getElementById("blocs-status");
    var box = document.getElementById("blocs-list");
    api("/api/figures/network", { period: blocsPlot.getAttribute("data-period") }).then(function (res) {
      var b = res.blocs;
      bstatus.textContent = (b.nodes || 0) + " states, " + (b.ties || 0) + " ties · frustration " +
        (b.frustration === null ? "–" : b.frustration.toFixed(2)) + " (spectral baseline " +
        (b.baseline && b.baseline.frustration !== undefined ? Number(b.baseline.frustration).toFixed(2) : "–") + ")";
      box.textContent = "";
      (b.blocs || []).forEach(function (bloc, i) {
        var div = el("div", { "class": "bloc" });
        var sw = el("span", { "class": "swatch" });
        sw.style.background = res.colours[i] || "#9aa5b1";
        div.appendChild(sw);
        div.appendChild(el("b", {}, "Bloc " + (i + 1) + ": "));
        div.appendChild(document.createTextNode(bloc.map(function (c) { return (res.names[c] || c); }).join(", ")));
        box.appendChild(div);
      });
      if (!(b.blocs || []).length) { box.appendChild(el("p", { "class": "muted" }, "No ties in this period.")); }
      return Plotly.newPlot(blocsPlot, res.figure.data, res.figure.layout, res.figure.config);
    }).then(function () { blocsPlot.setAttribute("data-ready", "1"); }).catch(function (err) {
      bstatus.textContent = "";
      bstatus.appendChild(el("span", { "class": "error" }, err.message));
    });
  }
})();
