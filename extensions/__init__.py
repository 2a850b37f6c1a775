"""Parvis extensions: one Django app per capability (commissions, meetings,
participation, search, api), each with an explicit app label."""
