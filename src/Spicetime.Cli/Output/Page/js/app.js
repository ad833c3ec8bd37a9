// Wires the page together: reads the embedded data, draws the outline and the tree, keeps the selection (fork,
// project, entry) in the address's fragment (#fork=B&entry=packages:Id, so a link or a reload opens the same view),
// and marks the page ready (document.body.dataset.ready, performance mark "spicetime-ready") once it answers input.
(function (page) {
  "use strict";

  function start() {
    var data = JSON.parse(document.getElementById("spicetime-data").textContent);
    var model = new page.Model(data);
    var state = { branch: null, overlay: false };

    var events = {
      select: function (branch) { selectFork(branch, null, true); },
      selectProject: function (path) {
        var project = model.projectByPath.get(path);
        if (project) {
          selectFork(project.branch, path, false);
          outline.revealProject(path);
        }
      },
      selectEntry: function (branch, kind, key) {
        if (state.branch !== branch) {
          selectFork(branch, null, true);
        }
        var steps = model.why(branch, kind, key);
        details.showWhy(branch, kind, key, steps);
        graph.showPath(steps);
        remember(branch, kind + ":" + key);
      },
      status: function (text) { document.getElementById("graph-status").textContent = text; },
    };

    var graph = new page.Graph(document.getElementById("graph-canvas"), model, events);
    var outline = new page.Outline(document.getElementById("outline-tree"), model, events);
    var details = new page.Details(document.getElementById("details"), model, events);
    new page.Search(document.getElementById("search"), document.getElementById("search-results"), model, events);

    function selectFork(branch, project, revealInOutline) {
      if (!model.node(branch)) {
        return;
      }
      state.branch = branch;
      graph.select(branch);
      if (revealInOutline) {
        outline.revealFork(branch);
      }
      details.show(branch, project);
      remember(branch, null);
    }

    function remember(branch, entry) {
      var hash = "#fork=" + encodeURIComponent(branch) + (entry ? "&entry=" + encodeURIComponent(entry) : "");
      if (location.hash !== hash && history.replaceState) {
        try {
          history.replaceState(null, "", hash);
        } catch (e) {
          // Some browsers refuse replaceState on file:// pages; the view still works.
        }
      }
    }

    function setOverlay(on) {
      state.overlay = on;
      var toggle = document.getElementById("overlay-toggle");
      toggle.setAttribute("aria-pressed", on ? "true" : "false");
      document.getElementById("affected-panel").hidden = !on;
      graph.setOverlay(on);
      outline.setOverlay(on);
      details.overlay = on;
      if (state.branch) {
        details.show(state.branch, null);
      }
    }

    outline.render();
    graph.render();

    document.getElementById("outline-expand").addEventListener("click", function () { outline.expandAll(); });
    document.getElementById("outline-collapse").addEventListener("click", function () { outline.collapseAll(); });
    document.getElementById("graph-fit").addEventListener("click", function () { graph.fit(true); });
    document.getElementById("graph-zoom-in").addEventListener("click", function () { graph.zoom(1.25); });
    document.getElementById("graph-zoom-out").addEventListener("click", function () { graph.zoom(1 / 1.25); });
    var help = document.getElementById("help-toggle");
    help.addEventListener("click", function () {
      var open = help.getAttribute("aria-expanded") !== "true";
      help.setAttribute("aria-expanded", open ? "true" : "false");
      document.getElementById("help").hidden = !open;
    });

    if (model.affected) {
      var toggle = document.getElementById("overlay-toggle");
      toggle.hidden = false;
      toggle.textContent = "Affected (" + model.affected.projects.length + ")";
      toggle.setAttribute("aria-label", "Show what " + model.change() + " affects: " + model.affected.projects.length + " projects");
      toggle.addEventListener("click", function () { setOverlay(!state.overlay); });
      new page.AffectedPanel(document.getElementById("affected-panel"), model, events).render();
      setOverlay(true);
    }

    var wanted = parseHash();
    if (wanted.entry && wanted.fork) {
      var colon = wanted.entry.indexOf(":");
      events.selectEntry(wanted.fork, wanted.entry.substring(0, colon), wanted.entry.substring(colon + 1));
    } else {
      selectFork(wanted.fork && model.node(wanted.fork) ? wanted.fork : model.root.branch, null, true);
    }

    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && state.branch) {
        graph.path = null;
        graph.applyMarks();
      }
    });

    document.body.dataset.ready = "true";
    if (window.performance && performance.mark) {
      performance.mark("spicetime-ready");
    }
  }

  function parseHash() {
    var result = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var eq = part.indexOf("=");
      if (eq > 0) {
        result[part.substring(0, eq)] = decodeURIComponent(part.substring(eq + 1));
      }
    });
    return result;
  }

  page.start = start;
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})(window.SpicetimePage = window.SpicetimePage || {});
