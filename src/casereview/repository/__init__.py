"""The national repository: stored review documents, their pages and derived records, and search."""
