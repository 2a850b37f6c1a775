"""Editorial page types, their StreamField blocks, per-site settings and the
roles (groups) of the people who edit them."""
