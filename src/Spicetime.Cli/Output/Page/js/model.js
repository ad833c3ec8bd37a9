// The page's model: the embedded data (GraphPageData: "tree" is `spicetime show --format json`, "affected" is
// `spicetime affected --format json`) indexed for lookups. Nothing here computes an answer of its own.
(function (page) {
  "use strict";

  var KINDS = ["packages", "properties", "projects", "paths", "contracts"];
  var KEY_NAMES = { packages: "id", properties: "name", projects: "path", paths: "glob", contracts: "name" };
  var VALUE_NAMES = { packages: "version", properties: "value", contracts: "file" };

  function Model(data) {
    var self = this;
    this.data = data;
    this.nodes = data.tree.nodes;
    this.byBranch = new Map();
    this.children = new Map();
    this.nodes.forEach(function (node) {
      self.byBranch.set(node.branch, node);
      self.children.set(node.branch, []);
    });
    this.root = this.nodes.find(function (node) { return node.parent === null; }) || this.nodes[0];
    this.nodes.forEach(function (node) {
      if (node.parent !== null && self.children.has(node.parent)) {
        self.children.get(node.parent).push(node.branch);
      }
    });

    this.projects = data.projects;
    this.projectByPath = new Map();
    this.projectsByBranch = new Map();
    this.referencedBy = new Map();
    this.projects.forEach(function (project) {
      self.projectByPath.set(project.path, project);
      var list = self.projectsByBranch.get(project.branch);
      if (!list) {
        self.projectsByBranch.set(project.branch, list = []);
      }
      list.push(project);
    });
    this.projects.forEach(function (project) {
      project.references.forEach(function (reference) {
        var list = self.referencedBy.get(reference);
        if (!list) {
          self.referencedBy.set(reference, list = []);
        }
        list.push(project.path);
      });
    });

    this.diagnosticsByBranch = new Map();
    this.unplacedDiagnostics = [];
    data.diagnostics.forEach(function (diagnostic) {
      if (diagnostic.branch === null || !self.byBranch.has(diagnostic.branch)) {
        self.unplacedDiagnostics.push(diagnostic);
        return;
      }
      var list = self.diagnosticsByBranch.get(diagnostic.branch);
      if (!list) {
        self.diagnosticsByBranch.set(diagnostic.branch, list = []);
      }
      list.push(diagnostic);
    });

    // The affected overlay: exactly the items of the embedded affected JSON.
    this.affected = data.affected;
    this.affectedProjects = new Map();
    this.affectedBranches = new Map();
    this.branchesWithAffectedProjects = new Map();
    if (data.affected) {
      data.affected.projects.forEach(function (item) {
        self.affectedProjects.set(item.path, item);
        self.branchesWithAffectedProjects.set(item.branch, (self.branchesWithAffectedProjects.get(item.branch) || 0) + 1);
      });
      data.affected.branches.forEach(function (item) { self.affectedBranches.set(item.branch, item); });
    }
  }

  Model.prototype.node = function (branch) { return this.byBranch.get(branch) || null; };

  Model.prototype.childrenOf = function (branch) { return this.children.get(branch) || []; };

  Model.prototype.projectsOf = function (branch) { return this.projectsByBranch.get(branch) || []; };

  Model.prototype.diagnosticsOf = function (branch) { return this.diagnosticsByBranch.get(branch) || []; };

  /** The branches from the root down to branch, both included. */
  Model.prototype.pathFromRoot = function (branch) {
    var path = [];
    for (var node = this.node(branch); node; node = node.parent === null ? null : this.node(node.parent)) {
      path.unshift(node.branch);
    }
    return path;
  };

  /** The entries of one kind of a node (the objects of the show JSON). */
  Model.prototype.entries = function (branch, kind) {
    var node = this.node(branch);
    return node ? node[kind] || [] : [];
  };

  Model.prototype.keyOf = function (kind, entry) { return entry[KEY_NAMES[kind]]; };

  Model.prototype.valueOf = function (kind, entry) { return VALUE_NAMES[kind] ? entry[VALUE_NAMES[kind]] : null; };

  /** The steps `spicetime why` prints for an entry of a node. */
  Model.prototype.why = function (branch, kind, key) {
    var perNode = this.data.why[branch];
    var perKind = perNode && perNode[kind];
    return (perKind && perKind[key]) || [];
  };

  /** How the page names the change of the overlay: "the changes since REF" or "a change of FILE". */
  Model.prototype.change = function () {
    var data = this.data;
    if (data.base !== null) {
      return "the changes since " + data.base;
    }
    return data.files && data.files.length === 1 ? "a change of " + data.files[0] : "changes of " + (data.files || []).length + " files";
  };

  Model.prototype.isAffectedBranch = function (branch) {
    return this.affectedBranches.has(branch) || this.branchesWithAffectedProjects.has(branch);
  };

  /** "release/core", "feature-A override 'frontend-theme'", "… (tree.lock.json)" from an entry's provenance. */
  page.describeSource = function (from) {
    var text = from.node + "/" + from.scope;
    if (from.origin === "override" && from.override) {
      text = from.node + (from.override.indexOf("inline") === 0 ? " (" + from.override + ")" : " override '" + from.override + "'");
    } else if (from.origin === "extends") {
      text = from.node + " extends " + from.scope;
    }
    return text + (from.fromLock ? " (as tree.lock.json recorded it)" : "");
  };

  /** A tree.json position, or an empty string. */
  page.position = function (line, column) { return line > 0 ? "tree.json(" + line + "," + column + ")" : ""; };

  /** Creates an element: el("td", {className: "x"}, [children or text]). */
  page.el = function (tag, attributes, children) {
    var element = document.createElement(tag);
    if (attributes) {
      Object.keys(attributes).forEach(function (name) {
        var value = attributes[name];
        if (value === null || value === undefined || value === false) {
          return;
        }
        if (name === "className") {
          element.className = value;
        } else if (name === "text") {
          element.textContent = value;
        } else if (name.indexOf("on") === 0) {
          element.addEventListener(name.substring(2), value);
        } else {
          element.setAttribute(name, value === true ? "" : value);
        }
      });
    }
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) {
        element.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
      }
    });
    return element;
  };

  page.KINDS = KINDS;
  page.Model = Model;
})(window.SpicetimePage = window.SpicetimePage || {});
