// Switchboard inbox: live queues (Server-Sent Events), SLA colours, presence,
// keyboard. Social text is only ever set with textContent, never as HTML.
(function () {
  "use strict";
  var $ = function (sel, root) { return (root || document).querySelector(sel); };
  var $$ = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };

  // SLA: turn a countdown amber in its last quarter hour and red once due.
  function refreshSLA() {
    var now = Date.now();
    $$("[data-due]").forEach(function (el) {
      var due = Date.parse(el.getAttribute("data-due"));
      if (isNaN(due)) { return; }
      if (due <= now) { el.classList.remove("sla-ok", "sla-soon"); el.classList.add("sla-late"); }
      else if (due - now < 15 * 60 * 1000 && el.classList.contains("sla-ok")) { el.classList.remove("sla-ok"); el.classList.add("sla-soon"); }
    });
  }

  function tag(text, cls) {
    var s = document.createElement("span");
    s.className = "tag" + (cls ? " " + cls : "");
    s.textContent = text;
    return s;
  }

  // rowFor builds a queue row from an event, with text nodes only.
  function rowFor(m) {
    var li = document.createElement("li");
    li.className = "row prio-" + m.priority + " fresh";
    li.setAttribute("data-id", String(m.id));
    var a = document.createElement("a");
    a.className = "open";
    a.href = "/m/" + encodeURIComponent(String(m.id));
    var sla = document.createElement("span");
    sla.className = "sla sla-" + (m.sla_state || "");
    if (m.sla_due) { sla.setAttribute("data-due", m.sla_due); }
    sla.textContent = m.sla_label || "";
    var who = document.createElement("span");
    who.className = "who";
    who.textContent = m.author || m.handle;
    var text = document.createElement("span");
    text.className = "text";
    text.textContent = m.text;
    var tags = document.createElement("span");
    tags.className = "tags";
    [[m.class, ""], [m.sentiment, "s-" + m.sentiment], [m.lang, ""], [m.channel, ""], [m.community, ""], [m.status, "st-" + m.status]]
      .forEach(function (t) { if (t[0]) { tags.appendChild(tag(t[0], t[1])); tags.appendChild(document.createTextNode(" ")); } });
    a.appendChild(sla); a.appendChild(who); a.appendChild(text); a.appendChild(tags);
    li.appendChild(a);
    return li;
  }

  function bump(slug) {
    var c = $('[data-count="' + slug + '"]');
    if (c) { c.textContent = String((parseInt(c.textContent, 10) || 0) + 1); }
  }

  function onMessage(ev) {
    var m;
    try { m = JSON.parse(ev.data); } catch (e) { return; }
    bump(m.department);
    var queue = $("#queue");
    if (!queue) { return; }
    var q = queue.getAttribute("data-queue");
    if (q !== "all" && q !== m.department) { return; }
    if (queue.getAttribute("data-filtered") === "true" || $('#rows [data-id="' + m.id + '"]')) {
      var note = $("#live-note");
      if (note) { note.hidden = false; }
      return;
    }
    var empty = $("#empty");
    if (empty) { empty.remove(); }
    $("#rows").insertBefore(rowFor(m), $("#rows").firstChild);
  }

  function live() {
    if (!$("#queues") || !window.EventSource) { return; }
    var es = new EventSource("/events");
    es.addEventListener("message", onMessage);
    es.addEventListener("open", function () { document.body.setAttribute("data-live", "on"); });
    window.addEventListener("beforeunload", function () { es.close(); });
  }

  // Presence: say we are here, show who else is.
  function presence() {
    var conv = $("#conversation");
    if (!conv) { return; }
    var id = conv.getAttribute("data-id"), box = $("#presence");
    function poll() {
      fetch("/m/" + encodeURIComponent(id) + "/presence", { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : { viewers: [] }; })
        .then(function (d) {
          var names = d.viewers || [];
          box.hidden = names.length === 0;
          box.textContent = box.getAttribute("data-label") + " " + names.join(", ");
        })
        .catch(function () {});
    }
    poll();
    setInterval(poll, 5000);
  }

  function suggestions() {
    $$(".suggestion").forEach(function (b) {
      b.addEventListener("click", function () {
        var t = $("#reply-body");
        t.value = b.getAttribute("data-body");
        $("#answer-id").value = b.getAttribute("data-id");
        t.focus();
      });
    });
  }

  // Keyboard: j/k move, Enter opens, a claims, r replies, e resolves, / searches.
  var current = -1;
  function select(i) {
    var rows = $$("#rows .row");
    if (rows.length === 0) { return; }
    current = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach(function (r, k) { r.classList.toggle("selected", k === current); });
    rows[current].scrollIntoView({ block: "nearest" });
    $("a", rows[current]).focus();
  }
  function submit(id) { var f = $(id); if (f) { f.submit(); } }
  function keys(e) {
    var t = e.target;
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT")) {
      if (e.key === "Escape") { t.blur(); }
      return;
    }
    var act = {
      j: function () { select(current + 1); },
      k: function () { select(current - 1); },
      "/": function () { var s = $("#search"); if (s) { s.focus(); s.select(); } },
      a: function () { submit("#claim-form"); },
      r: function () { var b = $("#reply-body"); if (b) { b.focus(); } },
      e: function () { submit("#resolve-form"); }
    }[e.key];
    if (act) { e.preventDefault(); act(); }
  }

  // Times come in UTC; show them in the reader's zone and language.
  function localTimes() {
    var lang = document.body.getAttribute("data-lang") || "fr";
    $$("time[datetime]").forEach(function (el) {
      var d = new Date(el.getAttribute("datetime"));
      if (!isNaN(d)) { el.textContent = d.toLocaleString(lang, { dateStyle: "short", timeStyle: "short" }); el.title = el.getAttribute("datetime"); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    localTimes();
    refreshSLA();
    setInterval(refreshSLA, 30000);
    live();
    presence();
    suggestions();
    document.addEventListener("keydown", keys);
  });
})();
