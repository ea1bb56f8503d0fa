-- A label is now deleted with its last use (LabelStore.DeleteIfUnusedAsync), which asks each table
-- that carries labels whether it still holds the label: templates' labels get the index by label
-- that content and space labels already have, so the question and the cascade are index lookups.
-- A global label's watches (label_watches, by name) are deleted with it.
CREATE INDEX ix_content_template_labels_label ON content_template_labels (label_id);
