// The query page: pick an example or write SPARQL, run it against /sparql, read the
// results as a table with clickable IRIs, download them. No framework, no CDN.
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

  config.examples.forEach(function (example, index) {
    const option = document.createElement("option");
    option.value = String(index);
    option.textContent = example.title;
    examples.appendChild(option);
  });
  examples.addEventListener("change", function () {
    query.value = config.examples[Number(examples.value)].query;
  });
  if (config.examples.length) {
    query.value = config.examples[0].query;
  }

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
      send(query.value, accept).then(function (response) {
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

  function run() {
    const text = query.value;
    const graphQuery = isGraphQuery(text);
    status.className = "";
    status.textContent = "Running…";
    send(text, graphQuery ? "text/turtle" : "application/sparql-results+json").then(function (response) {
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
      status.className = "error";
      status.textContent = error.message;
    });
  }

  document.getElementById("run").addEventListener("click", run);
  query.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      run();
    }
  });
}());
