// The affected overlay (graph --base REF): the projects and branches of the embedded `spicetime affected --format json`,
// each with its reason chains; the graph and the outline mark exactly those.
(function (page) {
  "use strict";

  var el = page.el;
  var PAGE = 200;

  function AffectedPanel(container, model, events) {
    this.container = container;
    this.model = model;
    this.events = events; // { select(branch), selectProject(path) }
  }

  AffectedPanel.prototype.render = function () {
    var self = this;
    var model = this.model;
    var data = model.affected;
    var c = this.container;
    c.textContent = "";
    c.appendChild(el("h2", {
      text: count(data.projects.length, "project") + " and " + count(data.branches.length, "branch") + " affected by " + model.change() +
        (model.data.mergeBase ? " (merge base " + model.data.mergeBase.substring(0, 12) + ")" : ""),
    }));
    if (data.branches.length > 0) {
      var branches = el("ul", { "aria-label": "Affected branches", id: "affected-branches" });
      data.branches.forEach(function (item) {
        branches.appendChild(el("li", { "data-branch": item.branch }, [
          el("button", { type: "button", className: "link", text: item.branch, onclick: function () { self.events.select(item.branch); } }),
          page.reasonList(item, "Why " + item.branch + " rebuilds"),
        ]));
      });
      c.appendChild(el("h3", { text: "Branches" }));
      c.appendChild(branches);
    }
    var projects = el("ul", { "aria-label": "Affected projects", id: "affected-projects" });
    c.appendChild(el("h3", { text: "Projects" }));
    c.appendChild(projects);
    this.more(projects, 0);
  };

  /** Lists the affected projects from index `from`, a page at a time (each is marked in the outline and the tree anyway). */
  AffectedPanel.prototype.more = function (list, from) {
    var self = this;
    var items = this.model.affected.projects;
    var to = Math.min(items.length, from + PAGE);
    items.slice(from, to).forEach(function (item) {
      list.appendChild(el("li", { "data-project": item.path }, [
        el("button", { type: "button", className: "link", text: item.path, onclick: function () { self.events.selectProject(item.path); } }),
        " (" + item.branch + ")",
        page.reasonList(item, "Why " + item.path + " is affected"),
      ]));
    });
    if (to < items.length) {
      var button = el("button", {
        type: "button", className: "more", text: "Show " + Math.min(PAGE, items.length - to) + " more of " + (items.length - to),
        onclick: function () { button.parentNode.removeChild(button); self.more(list, to); },
      });
      list.parentNode.appendChild(button);
    }
  };

  function count(n, noun) {
    return n + " " + (n === 1 ? noun : noun === "branch" ? "branches" : noun + "s");
  }

  page.AffectedPanel = AffectedPanel;
})(window.SpicetimePage = window.SpicetimePage || {});
