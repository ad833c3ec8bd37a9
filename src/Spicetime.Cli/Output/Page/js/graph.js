// The tree of forks as an SVG laid out by dagre (vendor/dagre). Large trees open with as many forks as a budget allows
// and the rest behind "+N" toggles, so that the layout stays quick; a toggle shows a fork's children (100 at a time).
(function (page) {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var BUDGET = 120;
  var PAGE_OF_CHILDREN = 100;

  function svg(tag, attributes, parent) {
    var element = document.createElementNS(SVG, tag);
    Object.keys(attributes || {}).forEach(function (name) { element.setAttribute(name, attributes[name]); });
    if (parent) {
      parent.appendChild(element);
    }
    return element;
  }

  function Graph(container, model, events) {
    this.container = container;
    this.model = model;
    this.events = events; // { select(branch), status(text) }
    this.shown = new Map(); // branch -> how many of its children are drawn (absent: none)
    this.elements = new Map();
    this.selected = null;
    this.path = null;
    this.overlay = false;
    this.view = { x: 0, y: 0, scale: 1 };
    this.openWithinBudget();
    this.svg = svg("svg", { role: "group", "aria-label": "Tree of forks; a fork is a button" });
    this.viewport = svg("g", { "class": "viewport" }, this.svg);
    container.appendChild(this.svg);
    this.enablePanAndZoom();
    // Until someone pans or zooms, the tree follows the size of its pane (the overlay's panel, a resized window).
    this.moved = false;
    var self = this;
    if (window.ResizeObserver) {
      new ResizeObserver(function () {
        if (self.layout && !self.moved) {
          self.fit();
          if (self.selected) {
            self.center(self.selected, false);
          }
        }
      }).observe(container);
    }
  }

  /** Breadth first from the root: a fork's children are drawn while the drawn forks stay within the budget. */
  Graph.prototype.openWithinBudget = function () {
    var model = this.model;
    var count = 1;
    var queue = [model.root.branch];
    while (queue.length > 0) {
      var branch = queue.shift();
      var children = model.childrenOf(branch);
      if (children.length === 0 || count + Math.min(children.length, PAGE_OF_CHILDREN) > BUDGET) {
        continue;
      }
      var take = Math.min(children.length, PAGE_OF_CHILDREN);
      this.shown.set(branch, take);
      count += take;
      queue.push.apply(queue, children.slice(0, take));
    }
  };

  Graph.prototype.visible = function () {
    var result = [];
    var stack = [this.model.root.branch];
    while (stack.length > 0) {
      var branch = stack.pop();
      result.push(branch);
      var children = this.model.childrenOf(branch).slice(0, this.shown.get(branch) || 0);
      for (var i = children.length - 1; i >= 0; i--) {
        stack.push(children[i]);
      }
    }
    return result;
  };

  Graph.prototype.hiddenChildren = function (branch) {
    return this.model.childrenOf(branch).length - (this.shown.get(branch) || 0);
  };

  /** Draws the children of branch (the next page of them), or hides them all. */
  Graph.prototype.toggle = function (branch, show) {
    var hidden = this.hiddenChildren(branch);
    if (show === undefined) {
      show = hidden > 0;
    }
    if (show && hidden > 0) {
      this.shown.set(branch, (this.shown.get(branch) || 0) + Math.min(hidden, PAGE_OF_CHILDREN));
    } else if (!show) {
      this.shown.delete(branch);
    } else {
      return;
    }
    this.render();
    this.focus(branch);
  };

  /** Makes branch drawn: its ancestors show their children up to it. */
  Graph.prototype.reveal = function (branch) {
    var path = this.model.pathFromRoot(branch);
    var changed = false;
    for (var i = 0; i + 1 < path.length; i++) {
      var index = this.model.childrenOf(path[i]).indexOf(path[i + 1]);
      if ((this.shown.get(path[i]) || 0) <= index) {
        this.shown.set(path[i], Math.max(index + 1, Math.min(this.model.childrenOf(path[i]).length, PAGE_OF_CHILDREN)));
        changed = true;
      }
    }
    if (changed) {
      this.render();
    }
    return changed;
  };

  Graph.prototype.render = function () {
    var model = this.model;
    var branches = this.visible();
    var g = new dagre.graphlib.Graph();
    g.setGraph({ rankdir: "TB", nodesep: 22, ranksep: 56, marginx: 16, marginy: 16 });
    g.setDefaultEdgeLabel(function () { return {}; });
    var labels = branches.length <= 60;
    branches.forEach(function (branch) {
      var node = model.node(branch);
      var lines = [branch, node.path || "(no path)", node.versionPattern];
      var width = Math.max.apply(null, lines.map(function (line) { return line.length; })) * 7 + 28;
      g.setNode(branch, { width: Math.min(Math.max(width, 110), 300), height: 58, lines: lines });
    });
    branches.forEach(function (branch) {
      var node = model.node(branch);
      if (node.parent !== null && g.hasNode(node.parent)) {
        var inherited = node.scopes.filter(function (s) { return s.inherited; }).map(function (s) { return s.name; });
        var text = inherited.length === 0 ? "inherits nothing" : inherited.join(", ");
        g.setEdge(node.parent, branch, labels ? { label: text, width: Math.min(text.length * 6.2, 200), height: 14 } : {});
      }
    });
    dagre.layout(g);
    this.layout = g;
    this.draw(g, branches);
    this.fit();
    this.events.status(branches.length + " of " + model.nodes.length + " forks drawn");
  };

  Graph.prototype.draw = function (g, branches) {
    var self = this;
    var model = this.model;
    while (this.viewport.firstChild) {
      this.viewport.removeChild(this.viewport.firstChild);
    }
    this.elements.clear();
    this.edges = new Map();
    var edges = svg("g", { "class": "edges" }, this.viewport);
    g.edges().forEach(function (e) {
      var edge = g.edge(e);
      var group = svg("g", { "class": "edge", "data-from": e.v, "data-to": e.w }, edges);
      var d = edge.points.map(function (p, i) { return (i === 0 ? "M" : "L") + p.x.toFixed(1) + "," + p.y.toFixed(1); }).join("");
      svg("path", { d: d }, group);
      if (edge.label) {
        var label = svg("text", { x: edge.x, y: edge.y + 4, "text-anchor": "middle" }, group);
        label.textContent = edge.label.length > 34 ? edge.label.substring(0, 33) + "…" : edge.label;
      }
      self.edges.set(e.w, group);
    });
    var nodes = svg("g", { "class": "forks" }, this.viewport);
    branches.forEach(function (branch) {
      var box = g.node(branch);
      var node = model.node(branch);
      var projects = model.projectsOf(branch).length;
      var name = "Fork " + branch + ", path " + (node.path || "none") + ", version " + node.versionPattern + ", " + projects + " projects";
      var group = svg("g", {
        "class": "fork", tabindex: "-1", role: "button", "data-branch": branch, "aria-label": name,
        transform: "translate(" + (box.x - box.width / 2) + "," + (box.y - box.height / 2) + ")",
      }, nodes);
      svg("rect", { width: box.width, height: box.height, rx: 6 }, group);
      box.lines.forEach(function (line, i) {
        var text = svg("text", { x: 10, y: 18 + i * 16, "class": i === 0 ? "branch" : "sub" }, group);
        text.textContent = line.length > 40 ? line.substring(0, 39) + "…" : line;
      });
      var badge = svg("text", { x: box.width, y: -5, "text-anchor": "end", "class": "badge" }, group);
      badge.textContent = "";
      var hidden = self.hiddenChildren(branch);
      var children = model.childrenOf(branch).length;
      if (children > 0) {
        var toggle = svg("g", {
          "class": "toggle", role: "button", tabindex: "-1",
          "aria-label": hidden > 0 ? "Show " + Math.min(hidden, PAGE_OF_CHILDREN) + " more forks under " + branch : "Hide the forks under " + branch,
          transform: "translate(" + (box.x + box.width / 2 - 4) + "," + (box.y + box.height / 2) + ")",
        }, nodes);
        svg("circle", { r: 11 }, toggle);
        var sign = svg("text", { "text-anchor": "middle", y: 4 }, toggle);
        sign.textContent = hidden > 0 ? "+" + (hidden > 99 ? "99" : hidden) : "−";
        toggle.addEventListener("click", function (event) { event.stopPropagation(); self.toggle(branch); });
        toggle.addEventListener("keydown", function (event) {
          if (event.key === "Enter" || event.key === " ") { event.preventDefault(); self.toggle(branch); }
        });
      }
      group.addEventListener("click", function () { self.events.select(branch); });
      group.addEventListener("keydown", function (event) { self.onKey(event, branch); });
      self.elements.set(branch, { group: group, badge: badge });
    });
    this.applyMarks();
  };

  Graph.prototype.onKey = function (event, branch) {
    var model = this.model;
    var node = model.node(branch);
    var siblings = node.parent === null ? [branch] : model.childrenOf(node.parent).slice(0, this.shown.get(node.parent) || 0);
    var index = siblings.indexOf(branch);
    var target = null;
    switch (event.key) {
      case "Enter": case " ": this.events.select(branch); break;
      case "ArrowUp": target = node.parent; break;
      case "ArrowDown": target = (this.shown.get(branch) || 0) > 0 ? model.childrenOf(branch)[0] : null; break;
      case "ArrowLeft": target = index > 0 ? siblings[index - 1] : null; break;
      case "ArrowRight": target = index + 1 < siblings.length ? siblings[index + 1] : null; break;
      case "+": case "=": this.toggle(branch, true); break;
      case "-": this.toggle(branch, false); break;
      default: return;
    }
    event.preventDefault();
    if (target) {
      this.focus(target);
    }
  };

  Graph.prototype.focus = function (branch) {
    var element = this.elements.get(branch);
    if (!element) {
      return;
    }
    this.elements.forEach(function (e) { e.group.setAttribute("tabindex", "-1"); });
    element.group.setAttribute("tabindex", "0");
    element.group.focus({ preventScroll: true });
    this.center(branch, false);
  };

  Graph.prototype.select = function (branch) {
    this.selected = branch;
    this.path = null;
    if (!this.reveal(branch)) {
      this.applyMarks();
    }
    this.focusable(branch);
    this.center(branch, false);
  };

  /** The one fork Tab reaches (roving tabindex). */
  Graph.prototype.focusable = function (branch) {
    var chosen = this.elements.get(branch) || this.elements.get(this.model.root.branch);
    this.elements.forEach(function (e) { e.group.setAttribute("tabindex", "-1"); });
    if (chosen) {
      chosen.group.setAttribute("tabindex", "0");
    }
  };

  /** Draws a `why` chain: the forks of its steps, numbered, and the edges between them from the root. */
  Graph.prototype.showPath = function (steps) {
    var self = this;
    this.path = steps;
    var changed = false;
    steps.forEach(function (step) { changed = self.reveal(step.node) || changed; });
    if (!changed) {
      this.applyMarks();
    }
  };

  Graph.prototype.setOverlay = function (on) {
    this.overlay = on;
    this.applyMarks();
  };

  Graph.prototype.applyMarks = function () {
    var self = this;
    var model = this.model;
    var onPath = new Map();
    if (this.path) {
      this.path.forEach(function (step, i) {
        if (!onPath.has(step.node)) {
          onPath.set(step.node, []);
        }
        onPath.get(step.node).push(i + 1);
      });
    }
    this.elements.forEach(function (element, branch) {
      var classes = ["fork"];
      if (branch === self.selected) { classes.push("selected"); }
      if (onPath.has(branch)) { classes.push("on-path"); }
      if (self.path && !onPath.has(branch)) { classes.push("dimmed"); }
      var badge = "";
      if (self.overlay && model.isAffectedBranch(branch)) {
        classes.push("affected");
        var count = model.branchesWithAffectedProjects.get(branch) || 0;
        badge = count > 0 ? count + " affected" : "affected";
      }
      if (onPath.has(branch)) {
        badge = "step " + onPath.get(branch).join(", ");
      }
      element.group.setAttribute("class", classes.join(" "));
      element.badge.textContent = badge;
      element.badge.setAttribute("class", onPath.has(branch) ? "badge step" : "badge");
    });
    this.edges.forEach(function (edge, child) {
      var node = model.node(child);
      var marked = onPath.size > 0 && onPath.has(child) && node.parent !== null && self.pathHas(node.parent, onPath);
      edge.setAttribute("class", marked ? "edge on-path" : "edge");
    });
  };

  /** An edge is on the drawn path when both ends are on it (inheritance passes the entry down that edge). */
  Graph.prototype.pathHas = function (branch, onPath) { return onPath.has(branch); };

  Graph.prototype.enablePanAndZoom = function () {
    var self = this;
    var start = null;
    this.container.addEventListener("pointerdown", function (event) {
      if (event.target.closest && event.target.closest(".fork, .toggle")) {
        return;
      }
      start = { x: event.clientX, y: event.clientY, view: Object.assign({}, self.view) };
      self.moved = true;
      self.container.classList.add("panning");
      self.container.setPointerCapture(event.pointerId);
    });
    this.container.addEventListener("pointermove", function (event) {
      if (start) {
        self.view.x = start.view.x + (event.clientX - start.x);
        self.view.y = start.view.y + (event.clientY - start.y);
        self.transform();
      }
    });
    this.container.addEventListener("pointerup", function () { start = null; self.container.classList.remove("panning"); });
    this.container.addEventListener("wheel", function (event) {
      event.preventDefault();
      var rect = self.container.getBoundingClientRect();
      self.zoom(event.deltaY < 0 ? 1.15 : 1 / 1.15, event.clientX - rect.left, event.clientY - rect.top);
    }, { passive: false });
  };

  Graph.prototype.zoom = function (factor, cx, cy) {
    this.moved = true;
    if (cx === undefined) {
      cx = this.container.clientWidth / 2;
      cy = this.container.clientHeight / 2;
    }
    var scale = Math.min(3, Math.max(0.05, this.view.scale * factor));
    this.view.x = cx - (cx - this.view.x) * (scale / this.view.scale);
    this.view.y = cy - (cy - this.view.y) * (scale / this.view.scale);
    this.view.scale = scale;
    this.transform();
  };

  Graph.prototype.fit = function (byUser) {
    if (byUser) {
      this.moved = false;
    }
    var size = this.layout.graph();
    var width = this.container.clientWidth || 800;
    var height = this.container.clientHeight || 600;
    var scale = Math.min(1.2, width / (size.width || 1), height / (size.height || 1));
    scale = Math.max(scale, 0.55); // readable: a wide tree is panned (drag, or the arrow keys) rather than shrunk to dots
    this.view = { scale: scale, x: Math.max(0, (width - size.width * scale) / 2), y: Math.max(0, (height - size.height * scale) / 2) };
    if (size.width * scale > width) {
      var root = this.layout.node(this.model.root.branch);
      this.view.x = width / 2 - root.x * scale;
    }
    this.transform();
  };

  /** Pans so that branch is in view (always, or only when it is outside it). */
  Graph.prototype.center = function (branch, always) {
    var box = this.layout && this.layout.node(branch);
    if (!box) {
      return;
    }
    var x = box.x * this.view.scale + this.view.x;
    var y = box.y * this.view.scale + this.view.y;
    var width = this.container.clientWidth;
    var height = this.container.clientHeight;
    if (always || x < 40 || y < 30 || x > width - 40 || y > height - 30) {
      this.view.x = width / 2 - box.x * this.view.scale;
      this.view.y = height / 2 - box.y * this.view.scale;
      this.transform();
    }
  };

  Graph.prototype.transform = function () {
    this.viewport.setAttribute("transform", "translate(" + this.view.x + "," + this.view.y + ") scale(" + this.view.scale + ")");
  };

  page.Graph = Graph;
})(window.SpicetimePage = window.SpicetimePage || {});
