// The outline: a WAI-ARIA tree of forks (branch and path), each with its child forks and its projects, each project with
// the projects it references. Children are built when first expanded, so 20,000 projects cost nothing until opened.
(function (page) {
  "use strict";

  var el = page.el;
  var SMALL = 400; // forks + projects up to which the outline opens fully

  function Outline(list, model, events) {
    this.list = list;
    this.model = model;
    this.events = events; // { select(branch), selectProject(path) }
    this.items = new Map(); // "fork:branch" | "project:path" -> li
    this.overlay = false;
    this.active = null;
    var self = this;
    list.addEventListener("keydown", function (event) { self.onKey(event); });
  }

  Outline.prototype.render = function () {
    this.list.textContent = "";
    this.items.clear();
    var root = this.forkItem(this.model.root.branch, 1);
    this.list.appendChild(root);
    this.setActive(root);
    if (this.model.nodes.length + this.model.projects.length <= SMALL) {
      this.expandAll();
    } else {
      this.expand(root, true);
    }
  };

  Outline.prototype.forkItem = function (branch, level) {
    var self = this;
    var model = this.model;
    var node = model.node(branch);
    var projects = model.projectsOf(branch);
    var hasChildren = model.childrenOf(branch).length > 0 || projects.length > 0;
    var li = el("li", {
      role: "treeitem", tabindex: "-1", "aria-level": level, "aria-selected": "false",
      "aria-expanded": hasChildren ? "false" : null, "data-branch": branch,
      "aria-label": "fork " + branch + (node.path ? ", path " + node.path : "") + ", " + projects.length + " projects",
    }, [
      el("div", { className: "row", onclick: function (event) { self.onClick(event, li); } }, [
        el("span", { className: "twisty", "aria-hidden": "true" }),
        el("span", { text: branch }),
        el("span", { className: "meta", text: (node.path || "no path") + " · " + projects.length + " projects" }),
      ]),
    ]);
    li._build = function () {
      var group = el("ul", { role: "group" });
      model.childrenOf(branch).forEach(function (child) { group.appendChild(self.forkItem(child, level + 1)); });
      projects.forEach(function (project) { group.appendChild(self.projectItem(project, level + 1)); });
      return group;
    };
    li._select = function () { self.events.select(branch); };
    this.items.set("fork:" + branch, li);
    return li;
  };

  Outline.prototype.projectItem = function (project, level) {
    var self = this;
    var model = this.model;
    var affected = this.overlay && model.affectedProjects.has(project.path);
    var li = el("li", {
      role: "treeitem", tabindex: "-1", "aria-level": level, "aria-selected": "false",
      "aria-expanded": project.references.length > 0 ? "false" : null, "data-project": project.path,
      "data-affected": affected ? "true" : null, className: affected ? "project affected" : "project",
      "aria-label": "project " + project.path + (affected ? ", affected" : "") + ", " + project.references.length + " references",
    }, [
      el("div", { className: "row", onclick: function (event) { self.onClick(event, li); } }, [
        el("span", { className: "twisty", "aria-hidden": "true" }),
        el("span", { text: project.path.split("/").pop() }),
        el("span", { className: "meta", text: project.path }),
      ]),
    ]);
    li._build = function () {
      var group = el("ul", { role: "group" });
      project.references.forEach(function (reference) {
        var target = model.projectByPath.get(reference);
        var ref = el("li", {
          role: "treeitem", tabindex: "-1", "aria-level": level + 1, "aria-selected": "false", "data-reference": reference,
          "aria-label": "references " + reference + (target ? " (fork " + target.branch + ")" : ""),
        }, [
          el("div", { className: "row", onclick: function (event) { self.onClick(event, ref); } }, [
            el("span", { className: "twisty", "aria-hidden": "true" }),
            el("span", { text: "→ " + reference }),
            el("span", { className: "meta", text: target ? target.branch : "" }),
          ]),
        ]);
        ref._select = function () { self.revealProject(reference); self.events.selectProject(reference); };
        group.appendChild(ref);
      });
      return group;
    };
    li._select = function () { self.events.selectProject(project.path); };
    this.items.set("project:" + project.path, li);
    return li;
  };

  Outline.prototype.onClick = function (event, li) {
    event.stopPropagation();
    if (event.target.classList.contains("twisty")) {
      this.expand(li, li.getAttribute("aria-expanded") !== "true");
    } else {
      this.activate(li);
    }
    this.setActive(li);
  };

  Outline.prototype.activate = function (li) {
    if (li.getAttribute("aria-expanded") === "false") {
      this.expand(li, true);
    }
    if (li._select) {
      li._select();
    }
  };

  Outline.prototype.expand = function (li, open) {
    if (!li.hasAttribute("aria-expanded")) {
      return;
    }
    if (open && !li._group) {
      li._group = li._build();
      li.appendChild(li._group);
    }
    if (li._group) {
      li._group.hidden = !open;
    }
    li.setAttribute("aria-expanded", open ? "true" : "false");
  };

  Outline.prototype.expandAll = function () {
    var pending = [this.list.firstChild];
    while (pending.length > 0) {
      var li = pending.pop();
      if (li.hasAttribute("aria-expanded") && !li.hasAttribute("data-project")) {
        this.expand(li, true);
        Array.prototype.forEach.call(li._group.children, function (child) { pending.push(child); });
      }
    }
  };

  Outline.prototype.collapseAll = function () {
    var self = this;
    this.list.querySelectorAll("[aria-expanded=\"true\"]").forEach(function (li) { self.expand(li, false); });
    this.expand(this.list.firstChild, true);
  };

  /** The visible items, in order (for the arrow keys). */
  Outline.prototype.visibleItems = function () {
    var result = [];
    (function walk(list) {
      Array.prototype.forEach.call(list.children, function (li) {
        result.push(li);
        if (li._group && !li._group.hidden) {
          walk(li._group);
        }
      });
    })(this.list);
    return result;
  };

  Outline.prototype.setActive = function (li) {
    if (this.active) {
      this.active.setAttribute("tabindex", "-1");
    }
    this.active = li;
    li.setAttribute("tabindex", "0");
  };

  Outline.prototype.onKey = function (event) {
    var li = event.target.closest("[role=treeitem]");
    if (!li) {
      return;
    }
    var items = this.visibleItems();
    var index = items.indexOf(li);
    var next = null;
    switch (event.key) {
      case "ArrowDown": next = items[index + 1]; break;
      case "ArrowUp": next = items[index - 1]; break;
      case "Home": next = items[0]; break;
      case "End": next = items[items.length - 1]; break;
      case "ArrowRight":
        if (li.getAttribute("aria-expanded") === "false") { this.expand(li, true); } else if (li._group) { next = li._group.firstChild; }
        break;
      case "ArrowLeft":
        if (li.getAttribute("aria-expanded") === "true") { this.expand(li, false); } else { next = li.parentElement.closest("[role=treeitem]"); }
        break;
      case "Enter": case " ": this.activate(li); break;
      default: return;
    }
    event.preventDefault();
    if (next) {
      this.setActive(next);
      next.focus();
    }
  };

  /** Opens the forks down to branch and marks it selected. */
  Outline.prototype.revealFork = function (branch) {
    var self = this;
    var path = this.model.pathFromRoot(branch);
    path.slice(0, -1).forEach(function (b) { self.expand(self.items.get("fork:" + b), true); });
    return this.mark(this.items.get("fork:" + branch));
  };

  Outline.prototype.revealProject = function (path) {
    var project = this.model.projectByPath.get(path);
    if (!project) {
      return null;
    }
    this.revealFork(project.branch);
    this.expand(this.items.get("fork:" + project.branch), true);
    return this.mark(this.items.get("project:" + path));
  };

  Outline.prototype.mark = function (li) {
    this.list.querySelectorAll("[aria-selected=\"true\"]").forEach(function (other) { other.setAttribute("aria-selected", "false"); });
    if (li) {
      li.setAttribute("aria-selected", "true");
      this.setActive(li);
      var row = li.firstChild;
      if (row.scrollIntoView) {
        row.scrollIntoView({ block: "nearest" });
      }
    }
    return li;
  };

  /** Marks the affected projects (exactly those of the embedded affected JSON) or clears the marks. */
  Outline.prototype.setOverlay = function (on) {
    var model = this.model;
    this.overlay = on;
    this.items.forEach(function (li, key) {
      if (key.indexOf("project:") !== 0) {
        return;
      }
      var path = key.substring("project:".length);
      var affected = on && model.affectedProjects.has(path);
      li.classList.toggle("affected", affected);
      if (affected) {
        li.setAttribute("data-affected", "true");
      } else {
        li.removeAttribute("data-affected");
      }
      li.setAttribute("aria-label", "project " + path + (affected ? ", affected" : "") + ", " + model.projectByPath.get(path).references.length + " references");
    });
  };

  page.Outline = Outline;
})(window.SpicetimePage = window.SpicetimePage || {});
