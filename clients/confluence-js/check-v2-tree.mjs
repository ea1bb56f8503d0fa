// The tree helper's groups for check-v2.mjs: Blog Post, Version, Label, Children (child pages and
// direct children), page descendants, Ancestors and Content (convert-ids-to-types), each called through
// confluence.js's own v2 method so its Zod model checks the answer. Comments and attachments whose
// versions are listed here are made through v1 (their v2 groups are checked with those groups).
export async function checkTree({ v2, transport, step, expect, host, key, spaceId, suffix }) {
  const v1Post = (url, body) => transport.sendRequest({ url, method: 'POST', body });

  // Blog Post
  const post = await step('blogPost.createBlogPost', async () => {
    const created = await v2.blogPost.createBlogPost({
      body: { spaceId, status: 'current', title: `v2 post ${suffix}`, body: { representation: 'storage', value: '<p>post</p>' } },
    });
    expect(created.version?.number === 1 && created.spaceId === spaceId, `version ${created.version?.number}, space ${created.spaceId}`);
    return created;
  });
  await step('blogPost.getBlogPostById', () => v2.blogPost.getBlogPostById({ id: Number(post?.id), bodyFormat: 'storage' }));
  await step('blogPost.updateBlogPost', () => v2.blogPost.updateBlogPost({
    id: Number(post?.id),
    body: { id: post?.id, status: 'current', title: `v2 post ${suffix} (2)`, body: { representation: 'storage', value: '<p>two</p>' }, version: { number: 2 } },
  }));
  await step('blogPost.getBlogPosts', () => v2.blogPost.getBlogPosts({ spaceId: [Number(spaceId)], limit: 1, sort: '-modified-date' }));
  await step('blogPost.getBlogPostsInSpace', async () => {
    const listed = await v2.blogPost.getBlogPostsInSpace({ id: Number(spaceId), bodyFormat: 'atlas_doc_format' });
    expect(listed.results.some(p => p.id === post?.id), 'the new post is listed');
    return listed;
  });
  const label = await step('v1 label on the post', async () => {
    const added = await v1Post(`/wiki/rest/api/content/${post?.id}/label`, [{ prefix: 'global', name: `cjt${suffix}` }]);
    return added.results.find(l => l.name === `cjt${suffix}`);
  });
  await step('blogPost.getLabelBlogPosts', async () => {
    const listed = await v2.blogPost.getLabelBlogPosts({ id: Number(label?.id) });
    expect(listed.results.some(p => p.id === post?.id), 'the labelled post is listed');
    return listed;
  });

  // Label
  await step('label.getBlogPostLabels', () => v2.label.getBlogPostLabels({ id: Number(post?.id), sort: 'name' }));
  await step('label.getLabels', () => v2.label.getLabels({ labelId: [Number(label?.id)] }));
  await step('label.getSpaceContentLabels', async () => {
    const listed = await v2.label.getSpaceContentLabels({ id: Number(spaceId) });
    expect(listed.results.some(l => l.id === String(label?.id)), 'the post label is among the space content labels');
    return listed;
  });
  await step('label.getSpaceLabels', async () => {
    await v1Post(`/wiki/rest/api/space/${key}/label`, [{ prefix: 'global', name: `cjs${suffix}` }]).catch(() => undefined);
    return v2.label.getSpaceLabels({ id: Number(spaceId) });
  });

  // Children, descendants, ancestors
  const top = await step('page.createPage (tree top)', () => v2.page.createPage({ body: { spaceId, title: `tree top ${suffix}` } }));
  const kid = await step('page.createPage (tree child)', () => v2.page.createPage({ body: { spaceId, title: `tree kid ${suffix}`, parentId: top?.id } }));
  const grandkid = await step('page.createPage (tree grandchild)',
    () => v2.page.createPage({ body: { spaceId, title: `tree grandkid ${suffix}`, parentId: kid?.id } }));
  await step('children.getChildPages', async () => {
    const listed = await v2.children.getChildPages({ id: Number(top?.id), sort: 'child-position' });
    expect(listed.results.length === 1 && listed.results[0].id === kid?.id, 'the one child');
    return listed;
  });
  await step('children.getPageDirectChildren', async () => {
    const listed = await v2.children.getPageDirectChildren({ id: Number(top?.id) });
    expect(listed.results[0]?.type === 'page', 'a page child');
    return listed;
  });
  await step('descendants.getPageDescendants', async () => {
    const listed = await v2.descendants.getPageDescendants({ id: Number(top?.id), depth: 2, limit: 10 });
    expect(listed.results.map(d => d.id).join() === `${kid?.id},${grandkid?.id}` && listed.results[1].depth === 2, 'both levels');
    return listed;
  });
  await step('ancestors.getPageAncestors', async () => {
    const listed = await v2.ancestors.getPageAncestors({ id: Number(grandkid?.id) });
    expect(listed.results.at(-2)?.id === top?.id && listed.results.at(-1)?.id === kid?.id, 'highest first');
    return listed;
  });
  await step('label.getPageLabels', () => v2.label.getPageLabels({ id: Number(top?.id) }));

  // Version
  await step('version.getPageVersions', () => v2.version.getPageVersions({ id: Number(top?.id), bodyFormat: 'storage' }));
  await step('version.getPageVersionDetails', () => v2.version.getPageVersionDetails({ pageId: Number(top?.id), versionNumber: 1 }));
  await step('version.getBlogPostVersions', async () => {
    const listed = await v2.version.getBlogPostVersions({ id: Number(post?.id), sort: '-modified-date' });
    expect(listed.results.map(v => v.number).join() === '2,1', 'newest first');
    return listed;
  });
  await step('version.getBlogPostVersionDetails', () => v2.version.getBlogPostVersionDetails({ blogpostId: Number(post?.id), versionNumber: 1 }));
  const footer = await step('v1 footer comment', () => v1Post('/wiki/rest/api/content', {
    type: 'comment', container: { id: top?.id, type: 'page' }, body: { storage: { value: '<p>c</p>', representation: 'storage' } },
  }));
  const inline = await step('v1 inline comment', () => v1Post('/wiki/rest/api/content', {
    type: 'comment', container: { id: top?.id, type: 'page' }, body: { storage: { value: '<p>i</p>', representation: 'storage' } },
    extensions: { location: 'inline' },
  }));
  await step('version.getFooterCommentVersions', () => v2.version.getFooterCommentVersions({ id: Number(footer?.id) }));
  await step('version.getFooterCommentVersionDetails', () => v2.version.getFooterCommentVersionDetails({ id: Number(footer?.id), versionNumber: 1 }));
  await step('version.getInlineCommentVersions', () => v2.version.getInlineCommentVersions({ id: Number(inline?.id) }));
  await step('version.getInlineCommentVersionDetails', () => v2.version.getInlineCommentVersionDetails({ id: Number(inline?.id), versionNumber: 1 }));
  const attachment = await step('v1 attachment', async () => {
    const form = new FormData();
    form.append('file', new Blob(['tree'], { type: 'text/plain' }), 'tree.txt');
    const response = await fetch(`${host}/wiki/rest/api/content/${top?.id}/child/attachment`, {
      method: 'POST', body: form,
      headers: { 'X-Atlassian-Token': 'no-check', Authorization: `Basic ${Buffer.from(`${process.env.QUIRE_EMAIL}:${process.env.QUIRE_TOKEN}`).toString('base64')}` },
    });
    expect(response.ok, `upload answered ${response.status}`);
    return (await response.json()).results[0];
  });
  await step('version.getAttachmentVersions', () => v2.version.getAttachmentVersions({ id: String(attachment?.id) }));
  await step('version.getAttachmentVersionDetails', () => v2.version.getAttachmentVersionDetails({ attachmentId: String(attachment?.id), versionNumber: 1 }));
  await step('label.getAttachmentLabels', () => v2.label.getAttachmentLabels({ id: Number(String(attachment?.id).replace('att', '')) }));

  // Content
  await step('content.convertContentIdsToContentTypes', async () => {
    const converted = await v2.content.convertContentIdsToContentTypes({ body: { contentIds: [top?.id, post?.id, footer?.id, inline?.id, '999999999'] } });
    const kinds = converted.results ?? {};
    expect(kinds[top?.id] === 'page' && kinds[post?.id] === 'blogpost' && kinds[footer?.id] === 'footer-comment'
      && kinds[inline?.id] === 'inline-comment' && kinds['999999999'] === null, JSON.stringify(kinds));
    return converted;
  });

  await step('blogPost.deleteBlogPost (trash)', () => v2.blogPost.deleteBlogPost({ id: Number(post?.id) }));
  await step('blogPost.deleteBlogPost (purge)', () => v2.blogPost.deleteBlogPost({ id: Number(post?.id), purge: true }));
}
