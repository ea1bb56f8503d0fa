// Publishes a folder of Markdown to Quire with @markdown-confluence/cli (which writes and reads
// page bodies only as atlas_doc_format), as its users publish to Confluence Cloud, then checks
// what Quire holds through the REST API: every page created under the parent with its
// attachment, and after one file changes, a second run makes exactly one new version.
//
//   npm install
//   QUIRE_URL=http://localhost:8090 QUIRE_EMAIL=admin@quire.local QUIRE_TOKEN=... node check.mjs
//   (CHECK_LOG=file keeps both runs' output: the publisher prints the ADF it read and the ADF it would write for each page it updates)
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const base = process.env.QUIRE_URL ?? 'http://localhost:8090';
const email = process.env.QUIRE_EMAIL;
const token = process.env.QUIRE_TOKEN;
if (!email || !token) {
  console.error('Set QUIRE_EMAIL and QUIRE_TOKEN (and QUIRE_URL).');
  process.exit(2);
}
const auth = 'Basic ' + Buffer.from(`${email}:${token}`).toString('base64');
const cli = join(dirname(fileURLToPath(import.meta.url)), 'node_modules/@markdown-confluence/cli/dist/index.js');

let failures = 0;
function check(what, ok, detail = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${ok || !detail ? '' : ` (${detail})`}`);
  if (!ok) failures++;
}

async function api(method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: { Authorization: auth, Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

// A 1x1 PNG: the image the Markdown shows.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function writeFolder(root, setupText) {
  const page = (title, text) => `---\nconnie-publish: true\nconnie-title: ${title}\n---\n\n${text}\n`;
  mkdirSync(join(root, 'guides'), { recursive: true });
  writeFileSync(join(root, 'diagram.png'), png);
  writeFileSync(join(root, 'Overview.md'), page('Overview', [
    '# Overview',
    '',
    'Quire serves **Confluence** to _every_ tool. See [the setup](guides/Setup.md).',
    '',
    '![diagram](diagram.png)',
    '',
    '```python',
    'print("hello" if 1 < 2 else "bye")',
    '```',
    '',
    '| Name | Value |',
    '| ---- | ----- |',
    '| one  | 1     |',
    '| two  | 2     |',
    '',
    '- a list item',
    '- another with `code`',
  ].join('\n')));
  writeFileSync(join(root, 'guides', 'Setup.md'), page('Setup', setupText));
  writeFileSync(join(root, 'guides', 'Advanced.md'), page('Advanced', '## Advanced\n\n1. first\n2. second\n\n> quoted wisdom'));
}

async function publish(folder, parentId) {
  const run = promisify(execFile);
  const env = {
    ...process.env,
    CONFLUENCE_BASE_URL: base, CONFLUENCE_PARENT_ID: parentId, ATLASSIAN_USERNAME: email, ATLASSIAN_API_TOKEN: token,
    FOLDER_TO_PUBLISH: '.', PUPPETEER_SKIP_DOWNLOAD: 'true',
  };
  try {
    const { stdout, stderr } = await run('node', [cli], { cwd: folder, env, timeout: 120_000, maxBuffer: 10 * 1024 * 1024 });
    return stdout + stderr;
  } catch (error) {
    return (error.stdout ?? '') + (error.stderr ?? '') + `\nexit: ${error.code}`;
  }
}

/** Every page below the parent, by title: id and version number. */
async function pagesUnder(parentId) {
  const found = await api('GET', `/wiki/rest/api/content/${parentId}/descendant/page?limit=100&expand=version`);
  return new Map(found.results.map(p => [p.title, { id: p.id, version: p.version.number }]));
}

const key = 'MDC' + Math.random().toString(36).slice(2, 8).toUpperCase().replace(/[^A-Z]/g, 'X');
await api('POST', '/wiki/rest/api/space', { key, name: 'Markdown publishing check' });
const parent = await api('POST', '/wiki/rest/api/content', {
  type: 'page', title: 'Published docs', space: { key }, body: { storage: { value: '<p>Docs below.</p>', representation: 'storage' } },
});
const folder = mkdtempSync(join(tmpdir(), 'quire-mdc-'));
try {
  writeFolder(folder, '## Setup\n\nRun `quire` and open the site.');

  const first = await publish(folder, parent.id);
  // Three files and the folder that holds two of them (a page of its own, showing a page tree).
  check('the first run publishes every file', !/FAILED|Error:/.test(first) && (first.match(/SUCCESS/g) ?? []).length === 4, first.trim().slice(0, 2000));
  const before = await pagesUnder(parent.id);
  for (const title of ['Overview', 'Setup', 'Advanced', 'guides'])
    check(`page ${title} exists under the parent`, before.has(title), [...before.keys()].join(', '));

  const overview = before.get('Overview');
  if (overview) {
    const read = await api('GET', `/wiki/rest/api/content/${overview.id}?expand=body.storage,body.view,body.atlas_doc_format`);
    const storage = read.body.storage.value;
    check('the code block is a code macro with its language', /ac:name="code"/.test(storage) && /python/.test(storage), storage.slice(0, 500));
    check('the table is a table with its header', /<table/.test(storage) && /Name/.test(storage) && /two/.test(storage));
    check('bold text is strong', /<strong>Confluence<\/strong>/.test(storage), storage.slice(0, 500));
    check('the image is the page attachment', /ri:attachment ri:filename="[^"]*"/.test(storage), storage.slice(0, 800));
    const attachments = await api('GET', `/wiki/rest/api/content/${overview.id}/child/attachment`);
    check('the image was uploaded as an attachment of the page', attachments.results.length === 1, JSON.stringify(attachments.results.map(a => a.title)));
    const view = read.body.view.value;
    check('the view shows the table and the code', /<table/.test(view) && /print\(/.test(view), view.slice(0, 500));
    const adf = JSON.parse(read.body.atlas_doc_format.value);
    check('the body reads back as ADF', adf.type === 'doc' && Array.isArray(adf.content) && adf.content.length > 0);
  }

  // A second run after one file changed: exactly one new version, no other page touched, none created.
  writeFolder(folder, '## Setup\n\nRun `quire` and open the site. **Changed.**');
  const second = await publish(folder, parent.id);
  if (process.env.CHECK_LOG) writeFileSync(process.env.CHECK_LOG, first + '\n=====\n' + second);
  check('the second run succeeds', !/FAILED|Error:/.test(second), second.trim().slice(0, 2000));
  const after = await pagesUnder(parent.id);
  check('no page is created by the second run', after.size === before.size, `${before.size} then ${after.size}`);
  const changed = [...after].filter(([title, page]) => before.get(title)?.version !== page.version).map(([title]) => title);
  check('exactly the changed page has a new version', changed.length === 1 && changed[0] === 'Setup', `changed: ${changed.join(', ') || 'none'}`);
  const setup = after.get('Setup');
  if (setup) {
    const read = await api('GET', `/wiki/rest/api/content/${setup.id}?expand=body.storage`);
    check('the changed page holds the new text', /Changed\./.test(read.body.storage.value), read.body.storage.value.slice(0, 300));
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}

console.log(failures === 0 ? 'markdown-confluence check: all passed' : `markdown-confluence check: ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
