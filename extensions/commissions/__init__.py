"""Private spaces (commissions, conseil municipal, agents, groups with
outsiders): members and roles, publications with read tracking, comments,
notifications and invitations. Other apps use access.py."""
