"""Search backends of Parvis: modelsearch's, with French analysis and the
fixes each needs (see each module)."""
