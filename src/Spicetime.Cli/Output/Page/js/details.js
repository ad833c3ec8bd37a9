// The selected fork: its facts, effective scopes, every entry with its provenance (what set it, what it replaced,
// what it shadows), diagnostics with their help links, its projects and, under the overlay, why it is affected.
// Selecting an entry shows its `why` chain here and draws it in the graph.
(function (page) {
  "use strict";

  var el = page.el;
  var TITLES = { packages: "Packages", properties: "Properties", projects: "Projects of its scopes", paths: "Paths", contracts: "Contracts" };
  var VALUE_TITLES = { packages: "version", properties: "value", contracts: "file" };

  function Details(container, model, events) {
    this.container = container;
    this.model = model;
    this.events = events; // { selectEntry(branch, kind, key), selectProject(path), select(branch) }
    this.overlay = false;
  }

  Details.prototype.show = function (branch, focusProject) {
    var model = this.model;
    var node = model.node(branch);
    this.branch = branch;
    var c = this.container;
    c.textContent = "";
    c.setAttribute("aria-label", "Fork " + branch);
    c.appendChild(el("h2", { id: "details-title", text: branch }));
    c.appendChild(this.facts(node));
    c.appendChild(el("h3", { text: "Effective scopes" }));
    c.appendChild(this.scopes(node));
    var self = this;
    page.KINDS.forEach(function (kind) {
      var entries = node[kind] || [];
      if (entries.length > 0) {
        c.appendChild(el("h3", { text: TITLES[kind] + " (" + entries.length + ")" }));
        c.appendChild(self.entries(node, kind, entries));
      }
    });
    c.appendChild(el("div", { id: "why", className: "why", hidden: true }));
    this.diagnostics(c, model.diagnosticsOf(branch), "Diagnostics");
    if (node.parent === null) {
      this.diagnostics(c, model.unplacedDiagnostics, "Other diagnostics");
    }
    if (this.overlay) {
      this.affected(c, branch);
    }
    this.projects(c, branch, focusProject);
  };

  Details.prototype.facts = function (node) {
    var model = this.model;
    var updates = node.updates === "manual"
      ? (node.inheritsFromLock ? "manual: built on tree.lock.json (spicetime outdated tells what changed upstream)" : "manual: not synced yet (spicetime sync --branch " + node.branch + ")")
      : "live: follows its parent";
    var parent = node.parent === null ? el("span", { text: "(root)" })
      : el("button", { type: "button", className: "key", text: node.parent, onclick: this.events.select.bind(null, node.parent) });
    var rows = [
      ["branch", node.branch], ["path", node.path || "(none: a branch of its own)"], ["parent", parent],
      ["children", String(model.childrenOf(node.branch).length)],
      ["version", node.versionPattern], ["packs as", node.packsAs || "(cannot be told here)"], ["updates", updates],
    ];
    var dl = el("dl");
    rows.forEach(function (row) {
      dl.appendChild(el("dt", { text: row[0] }));
      dl.appendChild(el("dd", {}, [typeof row[1] === "string" ? row[1] : row[1]]));
    });
    return dl;
  };

  Details.prototype.scopes = function (node) {
    var table = el("table", { "aria-label": "Effective scopes of " + node.branch }, [
      el("thead", {}, [el("tr", {}, [el("th", { text: "scope" }), el("th", { text: "from" })])]),
    ]);
    var body = el("tbody");
    node.scopes.forEach(function (scope) {
      var origin = scope.inherited ? "inherited from " + node.parent + (scope.changedHere ? ", changed here" : "") : "own";
      if (!scope.defined) {
        origin += ", defined nowhere (empty)";
      }
      body.appendChild(el("tr", {}, [el("td", {}, [el("code", { text: scope.name })]), el("td", { className: "prov", text: origin })]));
    });
    if (node.scopes.length === 0) {
      body.appendChild(el("tr", {}, [el("td", { colspan: "2", className: "prov", text: "(none)" })]));
    }
    table.appendChild(body);
    return table;
  };

  Details.prototype.entries = function (node, kind, entries) {
    var self = this;
    var model = this.model;
    var head = [el("th", { text: kind === "paths" ? "glob" : kind === "projects" ? "project" : "name" })];
    if (VALUE_TITLES[kind]) {
      head.push(el("th", { text: VALUE_TITLES[kind] }));
    }
    head.push(el("th", { text: "set by" }));
    var table = el("table", { "aria-label": TITLES[kind] + " of " + node.branch, "data-kind": kind }, [el("thead", {}, [el("tr", {}, head)])]);
    var body = el("tbody");
    entries.forEach(function (entry) {
      var key = model.keyOf(kind, entry);
      var provenance = [el("span", { text: page.describeSource(entry.from) })];
      if (entry.from.fromLock) {
        provenance.push(el("span", { className: "tag lock", text: "locked" }));
      }
      entry.replaced.forEach(function (replaced) {
        provenance.push(el("div", { className: "prov", text: "replaced " + replaced.value + " from " + page.describeSource(replaced.from) }));
      });
      entry.shadowed.forEach(function (shadowed) {
        provenance.push(el("div", { className: "prov", text: "shadows " + shadowed.value + " from " + page.describeSource(shadowed.from) }));
      });
      var cells = [el("td", {}, [el("button", {
        type: "button", className: "key", text: key, "aria-label": "Why " + node.branch + " has " + key,
        onclick: function () { self.events.selectEntry(node.branch, kind, key); },
      })])];
      if (VALUE_TITLES[kind]) {
        cells.push(el("td", {}, [el("code", { text: model.valueOf(kind, entry) })]));
      }
      cells.push(el("td", { className: "provenance" }, provenance));
      body.appendChild(el("tr", { className: "entry", "data-kind": kind, "data-key": key, "aria-selected": "false" }, cells));
    });
    table.appendChild(body);
    return table;
  };

  /** Shows the `why` chain of an entry (the steps of GraphPageData's "why": set, inherited, replaced, shadowed). */
  Details.prototype.showWhy = function (branch, kind, key, steps) {
    var box = this.container.querySelector("#why");
    this.container.querySelectorAll("tr.entry").forEach(function (row) {
      row.setAttribute("aria-selected", row.getAttribute("data-kind") === kind && row.getAttribute("data-key") === key ? "true" : "false");
    });
    if (!box) {
      return;
    }
    box.textContent = "";
    box.hidden = false;
    box.appendChild(el("strong", { text: "why " + key + " (" + kind + ") on " + branch }));
    var list = el("ol", { "aria-label": "How " + branch + " came to hold " + key });
    steps.forEach(function (step) {
      var where = page.position(step.line, step.column);
      list.appendChild(el("li", { "data-node": step.node }, [
        el("span", { className: "action", text: step.action }), " ", step.text, where ? el("span", { className: "prov", text: "  " + where }) : null,
      ]));
    });
    box.appendChild(list);
    var row = this.container.querySelector("tr.entry[aria-selected=\"true\"]");
    if (row && row.parentNode) {
      row.closest("table").after(box);
    }
    box.scrollIntoView({ block: "nearest" });
  };

  Details.prototype.diagnostics = function (c, list, title) {
    if (list.length === 0) {
      return;
    }
    c.appendChild(el("h3", { text: title + " (" + list.length + ")" }));
    list.forEach(function (d) {
      var where = d.file ? d.file + (d.line > 0 ? "(" + d.line + "," + d.column + ")" : "") + ": " : "";
      var code = d.helpLink ? el("a", { href: d.helpLink, className: "code", target: "_blank", rel: "noopener", text: d.code, "aria-label": d.code + ": how to fix (opens the error reference)" })
        : el("span", { className: "code", text: d.code });
      c.appendChild(el("p", { className: "diag " + d.severity, "data-code": d.code }, [where + d.severity + " ", code, ": " + d.message]));
    });
  };

  Details.prototype.affected = function (c, branch) {
    var model = this.model;
    var own = model.affectedBranches.get(branch);
    var count = model.branchesWithAffectedProjects.get(branch) || 0;
    if (!own && count === 0) {
      c.appendChild(el("h3", { text: "Affected" }));
      c.appendChild(el("p", { className: "prov", text: "Nothing of " + branch + " is affected by " + model.change() + "." }));
      return;
    }
    c.appendChild(el("h3", { text: "Affected by " + model.change() }));
    if (own) {
      c.appendChild(page.reasonList(own, "Why " + branch + " rebuilds"));
    }
    c.appendChild(el("p", { className: "prov", text: count + " of its " + model.projectsOf(branch).length + " projects affected" }));
  };

  Details.prototype.projects = function (c, branch, focusProject) {
    var self = this;
    var model = this.model;
    var projects = model.projectsOf(branch);
    c.appendChild(el("h3", { text: "Its projects (" + projects.length + ")" }));
    if (projects.length === 0) {
      c.appendChild(el("p", { className: "prov", text: "No project maps to " + branch + "." }));
      return;
    }
    var shown = projects.slice(0, 200);
    shown.forEach(function (project) {
      var affected = self.overlay ? model.affectedProjects.get(project.path) : null;
      var summary = el("summary", {}, [el("code", { text: project.path }), affected ? el("span", { className: "tag affected", text: "affected" }) : null]);
      var body = [summary];
      if (affected) {
        body.push(page.reasonList(affected, "Why " + project.path + " is affected"));
      }
      var refs = el("ul", { "aria-label": "What " + project.path + " references" });
      project.references.forEach(function (reference) {
        var target = model.projectByPath.get(reference);
        refs.appendChild(el("li", {}, ["references ", el("button", {
          type: "button", className: "key", text: reference,
          onclick: function () { self.events.selectProject(reference); },
        }), target && target.branch !== branch ? " (fork " + target.branch + ")" : ""]));
      });
      (model.referencedBy.get(project.path) || []).forEach(function (by) {
        refs.appendChild(el("li", { className: "prov" }, ["referenced by ", el("button", {
          type: "button", className: "key", text: by, onclick: function () { self.events.selectProject(by); },
        })]));
      });
      body.push(refs);
      var details = el("details", { className: affected ? "project affected" : "project", "data-project": project.path, open: project.path === focusProject }, body);
      c.appendChild(details);
      if (project.path === focusProject) {
        setTimeout(function () { details.scrollIntoView({ block: "nearest" }); }, 0);
      }
    });
    if (projects.length > shown.length) {
      c.appendChild(el("p", { className: "prov", text: (projects.length - shown.length) + " more in the outline" }));
    }
  };

  /** The reasons of an affected item: each chain as `spicetime affected` writes it, link by link. */
  page.reasonList = function (item, label) {
    var list = el("ul", { "aria-label": label });
    item.reasons.forEach(function (reason) { list.appendChild(el("li", { className: "chain", text: reason })); });
    return list;
  };

  page.Details = Details;
})(window.SpicetimePage = window.SpicetimePage || {});
