// Progressive enhancement: with JavaScript, the search form queries the Pagefind index
// in place; without it, the page still lists every article (see search.html).
const form = document.querySelector(".search-form");
const input = document.getElementById("search-q");
const results = document.getElementById("search-results");
const bundles = new URL("../../pagefind/", import.meta.url);
let loading = null;

// The index comes in shards (pagefind/shards.json): load the first, merge the others.
function loadPagefind() {
  loading ??= (async () => {
    const manifest = await (await fetch(new URL("shards.json", bundles))).json();
    const [first, ...others] = manifest.bundles.map((path) => new URL(path, bundles));
    const pagefind = await import(new URL("pagefind.js", first).href);
    await pagefind.options({ basePath: first.pathname });
    for (const bundle of others) await pagefind.mergeIndex(bundle.pathname);
    return pagefind;
  })();
  return loading;
}

// Pagefind's excerpt is escaped text with <mark> around the matched words: rebuild it from
// text nodes and <mark> elements, never as HTML.
function excerpt(html) {
  const p = document.createElement("p");
  const parsed = new DOMParser().parseFromString(html, "text/html").body;
  for (const node of parsed.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      p.append(mark);
    } else {
      p.append(node.textContent);
    }
  }
  return p;
}

async function run(query) {
  const pagefind = await loadPagefind();
  const search = await pagefind.search(query);
  const items = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
  results.replaceChildren();
  const heading = document.createElement("h2");
  heading.textContent = `${items.length} result${items.length === 1 ? "" : "s"} for “${query}”`;
  const list = document.createElement("ul");
  for (const item of items) {
    const li = document.createElement("li");
    const title = document.createElement("h3");
    const a = document.createElement("a");
    a.href = item.url;
    a.textContent = item.meta.title || item.url;
    title.append(a);
    const meta = document.createElement("p");
    meta.className = "meta";
    meta.textContent = [item.meta.section, item.meta.date].filter(Boolean).join(" · ");
    li.append(title, meta, excerpt(item.excerpt));
    list.append(li);
  }
  results.append(heading, list);
  document.querySelector(".all-articles").hidden = true;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const query = input.value.trim();
  history.replaceState(null, "", query ? `?q=${encodeURIComponent(query)}` : location.pathname);
  if (query) run(query);
});
const initial = new URLSearchParams(location.search).get("q");
if (initial) {
  input.value = initial;
  run(initial);
}
