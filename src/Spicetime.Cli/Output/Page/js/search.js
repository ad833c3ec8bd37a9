// Search by branch (or path), project, package, property or contract: a combobox with a list box of results,
// arrow keys to move, Enter to open, Escape to close; "/" anywhere focuses it. The index is built on first use.
(function (page) {
  "use strict";

  var el = page.el;
  var LIMIT = 40;
  var ORDER = { branch: 0, project: 1, package: 2, property: 3, contract: 4 };

  function Search(input, list, model, events) {
    this.input = input;
    this.list = list;
    this.model = model;
    this.events = events; // { select(branch), selectProject(path), selectEntry(branch, kind, key) }
    this.index = null;
    this.results = [];
    this.current = -1;
    var self = this;
    input.addEventListener("input", function () { self.update(); });
    input.addEventListener("keydown", function (event) { self.onKey(event); });
    input.addEventListener("blur", function () { setTimeout(function () { self.close(); }, 150); });
    document.addEventListener("keydown", function (event) {
      var editing = event.target.closest && event.target.closest("input, textarea");
      if (event.key === "/" && !editing) {
        event.preventDefault();
        input.focus();
        input.select();
      }
    });
  }

  Search.prototype.build = function () {
    var model = this.model;
    var index = [];
    var byKey = new Map();
    model.nodes.forEach(function (node) {
      index.push({ kind: "branch", text: node.branch, detail: node.path || "no path", branch: node.branch, search: (node.branch + " " + (node.path || "")).toLowerCase() });
      [["packages", "package"], ["properties", "property"], ["contracts", "contract"]].forEach(function (pair) {
        (node[pair[0]] || []).forEach(function (entry) {
          var key = model.keyOf(pair[0], entry);
          var id = pair[1] + ":" + key.toLowerCase();
          var item = byKey.get(id);
          if (!item) {
            item = { kind: pair[1], entryKind: pair[0], text: key, branches: [], values: new Set(), search: key.toLowerCase() };
            byKey.set(id, item);
            index.push(item);
          }
          item.branches.push(node.branch);
          item.values.add(model.valueOf(pair[0], entry));
        });
      });
    });
    byKey.forEach(function (item) {
      var values = Array.from(item.values);
      item.detail = item.branches.length + (item.branches.length === 1 ? " fork" : " forks") + ": " +
        (values.length <= 3 ? values.join(", ") : values.length + " values");
    });
    model.projects.forEach(function (project) {
      index.push({ kind: "project", text: project.path, detail: project.branch, path: project.path, search: project.path.toLowerCase() });
    });
    this.index = index;
  };

  Search.prototype.update = function () {
    var query = this.input.value.trim().toLowerCase();
    if (query.length === 0) {
      this.close();
      return;
    }
    if (!this.index) {
      this.build();
    }
    var found = [];
    for (var i = 0; i < this.index.length; i++) {
      var item = this.index[i];
      var at = item.search.indexOf(query);
      if (at >= 0) {
        found.push({ item: item, score: (at === 0 ? 0 : 2) + (item.search === query ? -1 : 0) + ORDER[item.kind] * 0.1 });
      }
    }
    found.sort(function (a, b) { return a.score - b.score || a.item.text.localeCompare(b.item.text); });
    this.results = found.slice(0, LIMIT).map(function (f) { return f.item; });
    this.current = this.results.length > 0 ? 0 : -1;
    this.draw(found.length);
  };

  Search.prototype.draw = function (total) {
    var self = this;
    this.list.textContent = "";
    this.results.forEach(function (item, i) {
      self.list.appendChild(el("li", {
        id: "search-result-" + i, role: "option", "aria-selected": i === self.current ? "true" : "false", "data-kind": item.kind,
        onmousedown: function (event) { event.preventDefault(); self.open(i); },
      }, [el("span", { className: "kind", text: item.kind }), el("span", { text: item.text }), el("span", { className: "meta", text: item.detail })]));
    });
    if (this.results.length === 0) {
      this.list.appendChild(el("li", { role: "option", "aria-disabled": "true", text: "Nothing matches" }));
    } else if (total > this.results.length) {
      this.list.appendChild(el("li", { role: "option", "aria-disabled": "true", text: (total - this.results.length) + " more: type more of the name" }));
    }
    this.list.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
    this.input.setAttribute("aria-activedescendant", this.current >= 0 ? "search-result-" + this.current : "");
  };

  Search.prototype.onKey = function (event) {
    switch (event.key) {
      case "ArrowDown": this.move(1); break;
      case "ArrowUp": this.move(-1); break;
      case "Enter": if (this.current >= 0) { this.open(this.current); } break;
      case "Escape": this.input.value = ""; this.close(); break;
      default: return;
    }
    event.preventDefault();
  };

  Search.prototype.move = function (step) {
    if (this.results.length === 0) {
      return;
    }
    this.current = (this.current + step + this.results.length) % this.results.length;
    var self = this;
    Array.prototype.forEach.call(this.list.children, function (li, i) { li.setAttribute("aria-selected", i === self.current ? "true" : "false"); });
    this.input.setAttribute("aria-activedescendant", "search-result-" + this.current);
    var active = this.list.children[this.current];
    if (active.scrollIntoView) {
      active.scrollIntoView({ block: "nearest" });
    }
  };

  Search.prototype.open = function (i) {
    var item = this.results[i];
    this.close();
    if (item.kind === "branch") {
      this.events.select(item.branch);
    } else if (item.kind === "project") {
      this.events.selectProject(item.path);
    } else {
      // The fork nearest the root that has it (forks are in tree order), with its why chain.
      this.events.selectEntry(item.branches[0], item.entryKind, item.text);
    }
  };

  Search.prototype.close = function () {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  };

  page.Search = Search;
})(window.SpicetimePage = window.SpicetimePage || {});
