"""casereview: child safeguarding case reviews end to end."""
