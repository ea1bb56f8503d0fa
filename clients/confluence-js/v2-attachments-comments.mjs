// The Attachment, Comment, Like and Operation groups (part 1's content types) through confluence.js's
// v2 methods, for check-v2.mjs: each method checks the answer against confluence.js's Zod models.
// Attachments are uploaded and likes added through the calls confluence.js has no v2 method for (v1's
// upload, the web interface's /wiki/rest/likes/1.0).

/** Runs the groups' steps in the space check-v2.mjs made (its key and v2 id), recording each through `step`. */
export async function checkAttachmentsCommentsLikesOperations({ host, v2, step, expect, key, spaceId, suffix }) {
  const auth = 'Basic ' + Buffer.from(`${process.env.QUIRE_EMAIL}:${process.env.QUIRE_TOKEN}`).toString('base64');

  /** A raw call for what confluence.js has no method for (v1 uploads, the web interface's likes). */
  async function raw(method, path, body, headers = {}) {
    const response = await fetch(host + path, { method, body, headers: { Authorization: auth, 'X-Atlassian-Token': 'no-check', ...headers } });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? undefined : response.json();
  }

  const page = await step('v2 page.createPage', () => v2.page.createPage({
    body: { spaceId: String(spaceId), title: `att page ${suffix}`, body: { representation: 'storage', value: '<p>Some highlighted words</p>' } },
  }));
  const pageId = Number(page?.id);
  const blog = await step('v1 blog post', () => raw('POST', '/wiki/rest/api/content', JSON.stringify({
    type: 'blogpost', title: `att blog ${suffix}`, space: { key }, body: { storage: { value: '<p>blog</p>', representation: 'storage' } },
  }), { 'Content-Type': 'application/json' }));
  const blogId = Number(blog?.id);

  // Attachment
  const uploaded = await step('v1 upload', async () => {
    const form = new FormData();
    form.append('file', new Blob(['hello from confluence.js'], { type: 'text/plain' }), 'hello.txt');
    return (await raw('POST', `/wiki/rest/api/content/${pageId}/child/attachment`, form)).results[0];
  });
  const attachmentId = uploaded?.id;
  await step('attachment.getAttachments', () => v2.attachment.getAttachments({ limit: 5 }));
  await step('attachment.getPageAttachments', async () => {
    const listed = await v2.attachment.getPageAttachments({ id: pageId, sort: '-created-date', mediaType: 'text/plain' });
    expect(listed.results[0]?.id === attachmentId, `first ${listed.results[0]?.id}`);
    return listed;
  });
  await step('attachment.getBlogpostAttachments', () => v2.attachment.getBlogpostAttachments({ id: blogId }));
  await step('attachment.getAttachmentById', async () => {
    const read = await v2.attachment.getAttachmentById({ id: attachmentId, includeOperations: true });
    expect(read.fileSize === 24 && read.pageId === String(pageId), `${read.fileSize} ${read.pageId}`);
    return read;
  });
  await step('attachment.getLabelAttachments', async () => {
    const labels = await raw('POST', `/wiki/rest/api/content/${attachmentId}/label`, JSON.stringify([{ prefix: 'global', name: `cja${suffix}` }]),
      { 'Content-Type': 'application/json' });
    const label = labels.results.find(l => l.name === `cja${suffix}`);
    const listed = await v2.attachment.getLabelAttachments({ id: Number(label.id) });
    expect(listed.results.some(a => a.id === attachmentId), 'the labelled attachment');
    return listed;
  });
  await step('comment.getAttachmentComments', () => v2.comment.getAttachmentComments({ id: attachmentId }));

  // Comment
  const footer = await step('comment.createFooterComment', () => v2.comment.createFooterComment({
    pageId: String(pageId), body: { representation: 'storage', value: '<p>footer</p>' },
  }));
  const reply = await step('comment.createFooterComment (reply)', () => v2.comment.createFooterComment({
    parentCommentId: footer?.id, body: { representation: 'storage', value: '<p>reply</p>' },
  }));
  await step('comment.createFooterComment (blog post)', () => v2.comment.createFooterComment({
    blogPostId: String(blogId), body: { storage: { representation: 'storage', value: '<p>on the blog</p>' } },
  }));
  const inline = await step('comment.createInlineComment', () => v2.comment.createInlineComment({
    pageId: String(pageId), body: { representation: 'storage', value: '<p>inline</p>' },
    inlineCommentProperties: { textSelection: 'highlighted', textSelectionMatchCount: 1, textSelectionMatchIndex: 0 },
  }));
  await step('comment.getPageFooterComments', () => v2.comment.getPageFooterComments({ id: pageId, bodyFormat: 'storage' }));
  await step('comment.getPageInlineComments', () => v2.comment.getPageInlineComments({ id: pageId, resolutionStatus: ['open'] }));
  await step('comment.getBlogPostFooterComments', () => v2.comment.getBlogPostFooterComments({ id: blogId }));
  await step('comment.getBlogPostInlineComments', () => v2.comment.getBlogPostInlineComments({ id: blogId }));
  await step('comment.getFooterComments', () => v2.comment.getFooterComments({ limit: 2 }));
  await step('comment.getInlineComments', () => v2.comment.getInlineComments({ limit: 2, bodyFormat: 'atlas_doc_format' }));
  await step('comment.getFooterCommentChildren', async () => {
    const listed = await v2.comment.getFooterCommentChildren({ id: Number(footer?.id) });
    expect(listed.results[0]?.id === reply?.id, 'the reply');
    return listed;
  });
  await step('comment.getInlineCommentChildren', () => v2.comment.getInlineCommentChildren({ id: Number(inline?.id) }));
  await step('comment.getFooterCommentById', () => v2.comment.getFooterCommentById({
    commentId: Number(footer?.id), bodyFormat: 'view', includeOperations: true, includeLikes: true,
  }));
  await step('comment.getInlineCommentById', () => v2.comment.getInlineCommentById({ commentId: Number(inline?.id), bodyFormat: 'storage' }));
  await step('comment.updateFooterComment', async () => {
    const updated = await v2.comment.updateFooterComment({
      commentId: Number(footer?.id), body: { version: { number: 2 }, body: { representation: 'storage', value: '<p>footer 2</p>' } },
    });
    expect(updated.version?.number === 2, `version ${updated.version?.number}`);
    return updated;
  });
  await step('comment.updateInlineComment (resolve)', async () => {
    const updated = await v2.comment.updateInlineComment({ commentId: Number(inline?.id), resolved: true });
    expect(updated.resolutionStatus === 'resolved', `status ${updated.resolutionStatus}`);
    return updated;
  });

  // Like
  await step('v1-side like', () => raw('POST', `/wiki/rest/likes/1.0/content/${pageId}/likes`));
  await step('v1-side like (comment)', () => raw('POST', `/wiki/rest/likes/1.0/content/${footer?.id}/likes`));
  await step('like.getPageLikeCount', async () => {
    const count = await v2.like.getPageLikeCount({ id: pageId });
    expect(count.count === 1, `count ${count.count}`);
    return count;
  });
  await step('like.getPageLikeUsers', () => v2.like.getPageLikeUsers({ id: pageId }));
  await step('like.getBlogPostLikeCount', () => v2.like.getBlogPostLikeCount({ id: blogId }));
  await step('like.getBlogPostLikeUsers', () => v2.like.getBlogPostLikeUsers({ id: blogId, limit: 5 }));
  await step('like.getFooterLikeCount', () => v2.like.getFooterLikeCount({ id: Number(footer?.id) }));
  await step('like.getFooterLikeUsers', () => v2.like.getFooterLikeUsers({ id: Number(footer?.id) }));
  await step('like.getInlineLikeCount', () => v2.like.getInlineLikeCount({ id: Number(inline?.id) }));
  await step('like.getInlineLikeUsers', () => v2.like.getInlineLikeUsers({ id: Number(inline?.id) }));

  // Operation
  await step('operation.getPageOperations', async () => {
    const answer = await v2.operation.getPageOperations({ id: pageId });
    expect(answer.operations?.some(o => o.operation === 'update' && o.targetType === 'page'), 'update/page');
    return answer;
  });
  await step('operation.getBlogPostOperations', () => v2.operation.getBlogPostOperations({ id: blogId }));
  await step('operation.getAttachmentOperations', () => v2.operation.getAttachmentOperations({ id: Number(attachmentId.slice(3)) }));
  await step('operation.getFooterCommentOperations', () => v2.operation.getFooterCommentOperations({ id: Number(footer?.id) }));
  await step('operation.getInlineCommentOperations', () => v2.operation.getInlineCommentOperations({ id: Number(inline?.id) }));
  await step('operation.getSpaceOperations', () => v2.operation.getSpaceOperations({ id: Number(spaceId) }));

  // Deletions last.
  await step('comment.deleteInlineComment', () => v2.comment.deleteInlineComment({ commentId: Number(inline?.id) }));
  await step('comment.deleteFooterComment', () => v2.comment.deleteFooterComment({ commentId: Number(reply?.id) }));
  await step('attachment.deleteAttachment (trash)', () => v2.attachment.deleteAttachment({ id: Number(attachmentId.slice(3)) }));
  await step('attachment.deleteAttachment (purge)', () => v2.attachment.deleteAttachment({ id: Number(attachmentId.slice(3)), purge: true }));
}
