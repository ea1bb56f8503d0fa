// Writes pages in Confluence wiki markup through the confluence-api npm package (which sends
// {"storage": {"value": ..., "representation": "wiki"}}), as older publishers and scripts do,
// then checks the storage and view Quire answers.
//
//   npm install
//   QUIRE_URL=http://localhost:8090 QUIRE_EMAIL=admin@quire.local QUIRE_TOKEN=... node check.mjs
import Confluence from 'confluence-api';
import { promisify } from 'node:util';

const base = process.env.QUIRE_URL ?? 'http://localhost:8090';
const email = process.env.QUIRE_EMAIL;
const token = process.env.QUIRE_TOKEN;
if (!email || !token) {
  console.error('Set QUIRE_EMAIL and QUIRE_TOKEN (and QUIRE_URL).');
  process.exit(2);
}
const confluence = new Confluence({ username: email, password: token, baseUrl: base + '/wiki' });
// The package takes node-style callbacks in the middle of its argument lists.
const settle = (resolve, reject) => (err, data) => (err ? reject(new Error(`${err.message ?? err} ${err.response?.text ?? ''}`)) : resolve(data));
const postContent = (space, title, content, parentId, representation) =>
  new Promise((resolve, reject) => confluence.postContent(space, title, content, parentId, settle(resolve, reject), representation));
const putContent = (space, id, version, title, content, representation) =>
  new Promise((resolve, reject) => confluence.putContent(space, id, version, title, content, settle(resolve, reject), false, representation));

let failures = 0;
function check(what, ok, detail = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${ok || !detail ? '' : ` (${detail})`}`);
  if (!ok) failures++;
}

async function api(method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: { Authorization: 'Basic ' + Buffer.from(`${email}:${token}`).toString('base64'), 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

const key = 'WIKI' + Math.random().toString(36).slice(2, 7).toUpperCase().replace(/[^A-Z]/g, 'X');
await api('POST', '/wiki/rest/api/space', { key, name: 'Wiki markup check' });
const home = await api('POST', '/wiki/rest/api/content', {
  type: 'page', title: 'Home of the wiki check', space: { key }, body: { storage: { value: '<p>home</p>', representation: 'storage' } },
});

const wiki = [
  'h1. Release notes',
  '',
  'This release is *important* and _careful_; see [Atlassian|https://www.atlassian.com].',
  '',
  '* first point',
  '* second point',
  '** nested point',
  '',
  '||Version||Date||',
  '|1.0|2026-12-04|',
  '',
  '{code:language=java}',
  'if (a < b && c) { run(); }',
  '{code}',
  '',
  '{info:title=Heads up}Read this first.{info}',
].join('\n');

// postContent(space, title, content, parentId, callback, representation)
const created = await postContent(key, 'Release notes', wiki, home.id, 'wiki');
check('postContent with representation wiki creates the page', Boolean(created?.id), JSON.stringify(created).slice(0, 300));
const read = await api('GET', `/wiki/rest/api/content/${created.id}?expand=body.storage,body.view,version,ancestors`);
const storage = read.body.storage.value;
check('the heading is an h1', /<h1>Release notes<\/h1>/.test(storage), storage.slice(0, 400));
check('strong and emphasis', /<strong>important<\/strong>/.test(storage) && /<em>careful<\/em>/.test(storage), storage.slice(0, 400));
check('the link keeps its text and URL', /href="https:\/\/www\.atlassian\.com"/.test(storage) && />Atlassian</.test(storage), storage.slice(0, 600));
check('the nested list nests', /<ul>\s*<li>[^]*<ul>\s*<li>nested point/.test(storage), storage);
check('the table has its header cells', /<th>[^<]*Version/.test(storage) && /<td>[^<]*1\.0/.test(storage), storage);
check('the code block is a code macro with its language', /ac:name="code"/.test(storage) && /java/.test(storage) && storage.includes('if (a < b && c) { run(); }'), storage);
check('the info macro keeps its title', /ac:name="info"/.test(storage) && /Heads up/.test(storage), storage);
check('the page is under its parent', read.ancestors.at(-1)?.id === home.id);
const view = read.body.view.value;
check('the view renders the code escaped', view.includes('if (a &lt; b &amp;&amp; c)'), view.slice(0, 800));
check('the view shows the table', /<table/.test(view) && /Version/.test(view));

// putContent(space, id, version, title, content, callback, minorEdit, representation)
const updated = await putContent(key, created.id, 2, 'Release notes', 'h2. Updated\n\nNow {color:red}red{color}.', 'wiki');
check('putContent with representation wiki makes version 2', updated?.version?.number === 2, JSON.stringify(updated).slice(0, 300));
check('the update is stored as storage', /<h2>Updated<\/h2>/.test(updated?.body?.storage?.value ?? '') && /color: red/.test(updated?.body?.storage?.value ?? ''),
  updated?.body?.storage?.value);

console.log(failures === 0 ? 'confluence-api check: all passed' : `confluence-api check: ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
