// Portico list enhancement: filter, search, sort and paginate a list from the data file written beside it.
// Without JavaScript the static, paginated tables stay as they are. Rows are built with textContent only.
(function () {
  "use strict";
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function enhance(form) {
    var table = document.getElementById("list-table");
    var kind = KINDS[form.getAttribute("data-list")];
    if (!kind) return;
    if (!table || !window.fetch) return;
    var base = form.getAttribute("data-base") || "";
    var tile = form.getAttribute("data-tile") || "";
    var pageSize = parseInt(form.getAttribute("data-page-size"), 10) || 50;
    var tbody = table.tBodies[0];
    var summary = table.querySelector("caption .summary");
    var count = form.querySelector(".filter-count");
    var pager = document.querySelector("nav.pagination");
    var state = { sort: kind.date, desc: true, page: 0 };
    var rows = [];

    fetch(form.getAttribute("data-src"), { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) {
        rows = data.filter(function (r) { return kind.inList(r, tile); });
        form.hidden = false;
        each(table.tHead.rows[0].cells, function (th) {
          var key = th.getAttribute("data-sort");
          if (!key) return;
          var button = document.createElement("button");
          button.type = "button";
          button.textContent = th.textContent;
          button.addEventListener("click", function () {
            state.desc = state.sort === key ? !state.desc : false;
            state.sort = key;
            state.page = 0;
            render();
          });
          th.textContent = "";
          th.appendChild(button);
        });
        form.addEventListener("input", function () { state.page = 0; render(); });
        form.addEventListener("change", function () { state.page = 0; render(); });
        form.addEventListener("reset", function () { setTimeout(function () { state.page = 0; render(); }, 0); });
        form.addEventListener("submit", function (e) { e.preventDefault(); });
        render();
      })
      .catch(function () { /* keep the static table */ });

    function value(name) { var el = form.elements[name]; return el ? el.value.trim() : ""; }

    function matches(r) {
      var q = value("q").toLowerCase();
      if (q && !kind.search(r).some(function (s) { return (s || "").toLowerCase().indexOf(q) >= 0; })) return false;
      if (value("status") && r.statusKey !== value("status")) return false;
      if (value("payment") && r.paymentStatusKey !== value("payment")) return false;
      if (value("from") && r[kind.date] < value("from")) return false;
      if (value("to") && r[kind.date] > value("to")) return false;
      return true;
    }

    function compare(a, b) {
      var x = a[state.sort], y = b[state.sort];
      if (state.sort === "amount") { x = parseFloat(x); y = parseFloat(y); }
      if (x === y) return a.id < b.id ? 1 : -1;
      if (x === undefined || x === null) return 1;
      if (y === undefined || y === null) return -1;
      var c = x < y ? -1 : 1;
      return state.desc ? -c : c;
    }

    function cell(tr, tag, text, cls) {
      var c = document.createElement(tag);
      if (tag === "th") c.scope = "row";
      if (cls) c.className = cls;
      if (text !== null) c.textContent = text;
      tr.appendChild(c);
      return c;
    }

    function badge(td, cls, text) {
      var s = document.createElement("span");
      s.className = "badge " + cls;
      s.textContent = text;
      td.appendChild(s);
    }

    function time(td, iso, text) {
      var t = document.createElement("time");
      t.dateTime = iso;
      t.textContent = text;
      td.appendChild(t);
    }

    function render() {
      var shown = rows.filter(matches).sort(compare);
      var pages = Math.max(1, Math.ceil(shown.length / pageSize));
      if (state.page >= pages) state.page = pages - 1;
      var slice = shown.slice(state.page * pageSize, (state.page + 1) * pageSize);
      while (tbody.firstChild) tbody.removeChild(tbody.firstChild);
      slice.forEach(function (r) {
        var tr = document.createElement("tr");
        kind.cells(r, tr, { cell: cell, badge: badge, time: time, link: function (td, href, text) {
          var a = document.createElement("a");
          a.href = base + href;
          a.textContent = text;
          td.appendChild(a);
        } });
        tbody.appendChild(tr);
      });
      var from = shown.length ? state.page * pageSize + 1 : 0;
      var text = from + "–" + (state.page * pageSize + slice.length) + " / " + shown.length;
      if (summary) summary.textContent = text;
      if (count) count.textContent = text;
      each(table.tHead.rows[0].cells, function (th) {
        var key = th.getAttribute("data-sort");
        th.setAttribute("aria-sort", key === state.sort ? (state.desc ? "descending" : "ascending") : "none");
      });
      renderPager(pages);
    }

    function renderPager(pages) {
      if (!pager) {
        pager = document.createElement("nav");
        pager.className = "pagination";
        pager.setAttribute("aria-label", form.getAttribute("data-pages-label") || "");
        table.parentNode.parentNode.insertBefore(pager, table.parentNode.nextSibling);
      }
      while (pager.firstChild) pager.removeChild(pager.firstChild);
      if (pages < 2) return;
      var ul = document.createElement("ul");
      for (var i = 0; i < pages; i++) {
        var li = document.createElement("li");
        var b = document.createElement("button");
        b.type = "button";
        b.textContent = String(i + 1);
        if (i === state.page) b.setAttribute("aria-current", "page");
        b.addEventListener("click", (function (n) { return function () { state.page = n; render(); }; })(i));
        li.appendChild(b);
        ul.appendChild(li);
      }
      pager.appendChild(ul);
    }
  }

  // How each kind of list filters, searches and draws its rows (the data file holds the formatted values).
  var KINDS = {
    invoices: {
      date: "invoiceDateISO",
      inList: function (r, tile) { return !tile || r.tile === tile; },
      search: function (r) { return [r.number, r.po]; },
      cells: function (r, tr, h) {
        h.link(h.cell(tr, "th", null), r.href, r.number);
        h.cell(tr, "td", r.po || "—");
        h.time(h.cell(tr, "td", null), r.invoiceDateISO, r.invoiceDate);
        h.time(h.cell(tr, "td", null), r.dueDateISO, r.dueDate);
        h.cell(tr, "td", r.total, "num");
        h.badge(h.cell(tr, "td", null), "status-" + r.statusKey, r.status);
        h.badge(h.cell(tr, "td", null), "pay-" + r.paymentStatusKey, r.paymentStatus);
        h.badge(h.cell(tr, "td", null), "match-" + r.matchingKey, r.matching);
      }
    },
    "customer-invoices": {
      date: "dueDateISO",
      inList: function (r, list) { return !list || r.lists.indexOf(list) >= 0; },
      search: function (r) { return [r.number, r.orderNumber]; },
      cells: function (r, tr, h) {
        h.link(h.cell(tr, "th", null), r.href, r.number);
        h.time(h.cell(tr, "td", null), r.invoiceDateISO, r.invoiceDate);
        h.time(h.cell(tr, "td", null), r.dueDateISO, r.dueDate);
        h.cell(tr, "td", r.open, "num");
        h.cell(tr, "td", r.total, "num");
        var status = h.cell(tr, "td", null);
        h.badge(status, "cust-" + r.statusKey, r.status);
        if (r.daysOverdue) { status.appendChild(document.createTextNode(" ")); h.badge(status, "overdue", r.daysOverdue); }
        var discount = h.cell(tr, "td", null);
        if (r.discount) { discount.appendChild(document.createTextNode(r.discount + " · ")); h.time(discount, r.discountDateISO, r.discountDate); }
      }
    },
    orders: {
      date: "orderDateISO",
      inList: function (r, list) { return r.lists.indexOf(list === "history" ? "history-version" : list) >= 0; },
      search: function (r) { return [r.displayNumber]; },
      cells: function (r, tr, h) {
        h.link(h.cell(tr, "th", null), r.href, r.displayNumber);
        h.time(h.cell(tr, "td", null), r.orderDateISO, r.orderDate);
        h.cell(tr, "td", r.sentAt);
        h.cell(tr, "td", r.total, "num");
        h.badge(h.cell(tr, "td", null), "po-" + r.statusKey, r.status);
        var response = h.cell(tr, "td", r.response ? null : "—");
        if (r.response) h.badge(response, "response-" + r.responseKey, r.response);
        h.badge(h.cell(tr, "td", null), "waiting-" + r.waitingKey, r.waiting);
      }
    }
  };

  document.addEventListener("DOMContentLoaded", function () {
    each(document.querySelectorAll("form.list-filter[data-src]"), enhance);
    // Pay forms whose URL template is not a plain query: fill the template here (the full-amount link works without).
    each(document.querySelectorAll("form.pay-form"), function (form) {
      var input = form.querySelector("input[type=number]");
      var step = input.getAttribute("step") || "1";
      var decimals = step.indexOf(".") < 0 ? 0 : step.length - step.indexOf(".") - 1;
      if (form.hasAttribute("data-needs-script")) form.hidden = false;
      form.addEventListener("submit", function (e) {
        if (!input.checkValidity()) { e.preventDefault(); input.reportValidity(); return; }
        input.value = Number(input.value).toFixed(decimals);
        if (form.hasAttribute("data-needs-script")) {
          e.preventDefault();
          window.location.href = form.getAttribute("data-template").split("{amount}").join(encodeURIComponent(input.value));
        }
      });
    });
    // A response form: the per-line answers matter only for "accept with changes"; with JavaScript they show (and are
    // sent) only then. Without it they are always there, and the receiver ignores them for a plain accept or reject.
    each(document.querySelectorAll("form"), function (form) {
      var changes = form.querySelector("input[name=response][value=accepted_with_changes]");
      var part = form.querySelector(".respond-lines-part");
      if (!changes || !part) return;
      function update() {
        part.hidden = !changes.checked;
        each(part.querySelectorAll("input, select"), function (el) { el.disabled = !changes.checked; });
      }
      each(form.querySelectorAll("input[name=response]"), function (r) { r.addEventListener("change", update); });
      update();
    });
    each(document.querySelectorAll("button.print-button"), function (b) {
      b.hidden = false;
      b.addEventListener("click", function () { window.print(); });
    });
  });
})();
