// Quire's web interface: small progressive enhancements. Every page works without this script.
"use strict";

// The page tree: opening a node fetches its children once (an HTML fragment the server rendered and encoded)
// into the node, in place of the link that would open them as a page.
document.addEventListener("toggle", async (event) => {
  const node = event.target;
  if (!(node instanceof HTMLDetailsElement) || !node.open || !node.dataset.children || node.dataset.loaded) return;
  node.dataset.loaded = "loading";
  const holder = node.querySelector(":scope > .tree-children");
  try {
    const answer = await fetch(node.dataset.children, { credentials: "same-origin", headers: { Accept: "text/html" } });
    if (!answer.ok) throw new Error(String(answer.status));
    holder.innerHTML = await answer.text();
    node.dataset.loaded = "yes";
  } catch {
    delete node.dataset.loaded; // the link to the children's page stays, and the next opening tries again
  }
}, true);
