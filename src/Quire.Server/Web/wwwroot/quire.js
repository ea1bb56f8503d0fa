// Quire's web interface: small progressive enhancements. Every page works without this script.
"use strict";

// The page tree: opening a node fetches its children once (an HTML fragment the server rendered and encoded)
// into the node, in place of the link that would open them as a page.
// Only the tree's own nodes take part: a <details data-children> inside a page or comment body (whose HTML the
// site's users write) is ignored, and the address must be the tree's fragment route on this site.
const treeFragmentPath = /^\/wiki\/spaces\/[^/?#]+\/pagetree\/\d+$/;

function treeChildrenUrl(node) {
  if (!node.parentElement || !node.parentElement.matches("li.tree-node")) return null;
  const tree = node.closest(".page-tree");
  if (!tree || node.closest(".page-body, .comment-body, .rendered-body")) return null;
  let url;
  try {
    url = new URL(node.dataset.children, window.location.href);
  } catch {
    return null;
  }
  if (url.origin !== window.location.origin || !treeFragmentPath.test(url.pathname) || url.search !== "?fragment=1" || url.hash) return null;
  return url;
}

document.addEventListener("toggle", async (event) => {
  const node = event.target;
  if (!(node instanceof HTMLDetailsElement) || !node.open || !node.dataset.children || node.dataset.loaded) return;
  const url = treeChildrenUrl(node);
  const holder = node.querySelector(":scope > .tree-children");
  if (!url || !holder) return;
  node.dataset.loaded = "loading";
  try {
    const answer = await fetch(url, { credentials: "same-origin", redirect: "error", headers: { Accept: "text/html" } });
    if (!answer.ok || new URL(answer.url).origin !== window.location.origin) throw new Error(String(answer.status));
    if (!(answer.headers.get("Content-Type") || "").startsWith("text/html")) throw new Error("not HTML");
    // Parsed in an inert document (no script runs), then moved in as nodes.
    const parsed = new DOMParser().parseFromString(await answer.text(), "text/html");
    parsed.querySelectorAll("script").forEach((s) => s.remove());
    holder.replaceChildren(...Array.from(parsed.body.childNodes, (n) => document.adoptNode(n)));
    node.dataset.loaded = "yes";
  } catch {
    delete node.dataset.loaded; // the link to the children's page stays, and the next opening tries again
  }
}, true);
