// The query page: pick an example or write SPARQL in Yasqe (vendored, see vendor/yasqe), run it
// against /sparql, read the results as a table with clickable IRIs, download them. /?query=…
// runs that query on load; otherwise the first example runs. No framework, no CDN.
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("qusgraph-config").textContent);
  const query = document.getElementById("query");
  const examples = document.getElementById("examples");
  const status = document.getElementById("status");
  const output = document.getElementById("output");
  const table = document.getElementById("results");
  const graph = document.getElementById("graph");
  const downloads = document.getElementById("downloads");
  const ARABIC = /[\u0600-\u06FF]/;

  // The editor: Yasqe (CodeMirror with the SPARQL grammar, highlighting, syntax checks, prefix
  // and variable completion). The textarea stays as its mirror, and as the editor if Yasqe is missing.
  let editor = null;
  if (window.Yasqe) {
    editor = new window.Yasqe(document.getElementById("yasqe"), {
      persistenceId: null,  // a query comes from the page or the link, never from an old session
      showQueryButton: false,
      createShareableLink: null,
      consumeShareLink: null,
      resizeable: true,
      editorHeight: "320px",
      // classes and properties would ask a remote vocabulary service: the page stays offline.
      autocompleters: ["prefixes", "variables"],
    });
    // The project's prefixes are predeclared by the server: the editor's checker must know them too.
    const mode = editor.getMode();
    const startState = mode.startState;
    mode.startState = function () {
      const state = startState.apply(this, arguments);
      Object.keys(config.prefixes).forEach(function (prefix) {
        state.prefixes[prefix] = config.prefixes[prefix];
      });
      return state;
    };
    editor.on("change", function () {
      query.value = editor.getValue();
    });
    // Yasqe's own Ctrl-Enter would send the query itself: ours runs it (a key map added this way
    // comes before the editor's own keys).
    editor.query = function () {
      run();
      return Promise.resolve();
    };
    editor.addKeyMap({"Ctrl-Enter": function () { run(); }, "Cmd-Enter": function () { run(); }});
    query.hidden = true;
    window.qusgraphEditor = editor;
  }

  function queryText() {
    return editor ? editor.getValue() : query.value;
  }

  function setQueryText(text) {
    query.value = text;
    if (editor) {
      editor.setValue(text);
      editor.checkSyntax();
    }
  }

  config.examples.forEach(function (example, index) {
    const option = document.createElement("option");
    option.value = String(index);
    option.textContent = example.title;
    examples.appendChild(option);
  });
  examples.addEventListener("change", function () {
    setQueryText(config.examples[Number(examples.value)].query);
  });

  function isGraphQuery(text) {
    const body = text.replace(/#[^\n]*/g, " ").replace(/(PREFIX|BASE)\s+[^>]*>/gi, " ");
    return /^\s*(CONSTRUCT|DESCRIBE)\b/i.test(body);
  }

  function shortIri(iri) {
    let best = "";
    let name = iri;
    Object.keys(config.prefixes).forEach(function (prefix) {
      const namespace = config.prefixes[prefix];
      if (iri.startsWith(namespace) && namespace.length > best.length) {
        best = namespace;
        name = prefix + ":" + iri.slice(namespace.length);
      }
    });
    return name;
  }

  function localLink(iri) {
    if (iri.startsWith(config.idNamespace)) {
      return config.base + "/id/" + iri.slice(config.idNamespace.length);
    }
    return iri;
  }

  function cell(term) {
    const td = document.createElement("td");
    if (!term) {
      return td;
    }
    if (term.type === "uri") {
      const link = document.createElement("a");
      link.href = localLink(term.value);
      link.textContent = shortIri(term.value);
      link.title = term.value;
      td.appendChild(link);
      return td;
    }
    const span = document.createElement("span");
    span.textContent = term.value;
    span.dir = "auto";
    const lang = term["xml:lang"] || (ARABIC.test(term.value) ? "ar" : "");
    if (lang) {
      span.lang = lang;
    }
    td.appendChild(span);
    if (term["xml:lang"]) {
      const tag = document.createElement("span");
      tag.className = "lang";
      tag.textContent = "@" + term["xml:lang"];
      td.appendChild(tag);
    }
    return td;
  }

  function showSolutions(data, truncated) {
    table.replaceChildren();
    graph.hidden = true;
    table.hidden = false;
    if (typeof data.boolean === "boolean") {
      const row = table.insertRow();
      row.insertCell().textContent = String(data.boolean);
      status.textContent = "ASK: " + data.boolean;
      return;
    }
    const head = table.createTHead().insertRow();
    data.head.vars.forEach(function (name) {
      const th = document.createElement("th");
      th.textContent = name;
      head.appendChild(th);
    });
    const body = table.createTBody();
    data.results.bindings.forEach(function (binding) {
      const row = body.insertRow();
      data.head.vars.forEach(function (name) {
        row.appendChild(cell(binding[name]));
      });
    });
    const count = data.results.bindings.length;
    status.textContent = count + (count === 1 ? " row" : " rows") + (truncated ? " (cut at the row limit)" : "");
  }

  function downloadButton(label, accept, extension) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "secondary";
    button.textContent = label;
    button.addEventListener("click", function () {
      send(queryText(), accept).then(function (response) {
        return response.blob();
      }).then(function (blob) {
        const link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = "results." + extension;
        document.body.appendChild(link);
        link.click();
        link.remove();
      });
    });
    return button;
  }

  function send(text, accept) {
    return fetch("sparql", {
      method: "POST",
      headers: {"Content-Type": "application/sparql-query", "Accept": accept},
      body: text,
    });
  }

  // Only the latest run may fill the page: an answer to an earlier one (the example run on load)
  // that arrives late is dropped.
  let latest = 0;
  const share = document.getElementById("share");

  function run() {
    const text = queryText();
    const graphQuery = isGraphQuery(text);
    const mine = ++latest;
    const link = "?query=" + encodeURIComponent(text);
    share.href = link;
    history.replaceState(null, "", link);
    status.className = "";
    status.textContent = "Running…";
    table.replaceChildren();
    graph.textContent = "";
    send(text, graphQuery ? "text/turtle" : "application/sparql-results+json").then(function (response) {
      if (mine !== latest) {
        return undefined;
      }
      const truncated = response.headers.get("X-Qusgraph-Truncated") === "true";
      if (!response.ok) {
        return response.text().then(function (message) {
          throw new Error(response.status + " " + message);
        });
      }
      output.hidden = false;
      downloads.replaceChildren();
      if (graphQuery) {
        return response.text().then(function (turtle) {
          table.hidden = true;
          graph.hidden = false;
          graph.textContent = turtle;
          status.textContent = "Graph";
          downloads.append(downloadButton("Turtle", "text/turtle", "ttl"),
                           downloadButton("JSON-LD", "application/ld+json", "jsonld"),
                           downloadButton("N-Triples", "application/n-triples", "nt"));
        });
      }
      return response.json().then(function (data) {
        showSolutions(data, truncated);
        downloads.append(downloadButton("CSV", "text/csv", "csv"),
                         downloadButton("TSV", "text/tab-separated-values", "tsv"),
                         downloadButton("JSON", "application/sparql-results+json", "json"),
                         downloadButton("XML", "application/sparql-results+xml", "xml"));
      });
    }).catch(function (error) {
      if (mine !== latest) {
        return;
      }
      status.className = "error";
      status.textContent = error.message;
    });
  }

  document.getElementById("run").addEventListener("click", run);
  // A linked query (/?query=…) runs as it is; otherwise the first example does, so the page shows
  // an answer on load.
  const linked = new URLSearchParams(window.location.search).get("query");
  if (linked !== null && linked.trim()) {
    examples.selectedIndex = -1;
    setQueryText(linked);
    run();
  } else if (config.examples.length) {
    setQueryText(config.examples[0].query);
    run();
  }
  query.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      run();
    }
  });
}());
